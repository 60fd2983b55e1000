import { beforeAll, describe, expect, it } from "vitest";
import { issueApiToken } from "@/lib/auth/api-token";
import { sharedDb } from "@/lib/db/shared-client";
import { PEER_HEADER, peerHeaderValue } from "@/lib/http/client-ip";
import { createProperty } from "@/lib/properties/create-property";
import { deleteProperty } from "@/lib/properties/delete-property";
import { updateProperty } from "@/lib/properties/update-property";
import { runAsTenant } from "@/lib/tenancy/context";
import { callRoute } from "@/lib/testing/call-route";
import { seedTenant, type SeededTenant } from "@/lib/testing/seed-tenant";
import { seedUser, type SeededUser } from "@/lib/testing/seed-user";
import { createTransaction } from "@/lib/transactions/create-transaction";
import { transitionTransaction } from "@/lib/transactions/transition-transaction";
import { GET as listAudit } from "@/app/t/[tenantId]/api/v1/audit/route";
import { GET as exportAudit } from "@/app/t/[tenantId]/api/v1/audit/export/route";
import { AUDIT_EVENTS } from "./audit-events";
import { describeAuditEvent } from "./describe-audit-event";
import { csvField } from "./export-audit-events";

async function tokenFor(user: SeededUser): Promise<string> {
  return (await issueApiToken({ id: user.id, tenantId: user.tenantId!, email: user.email, name: null, role: user.role, sessionVersion: 0 })).accessToken;
}

async function exportCsv(host: string, query: string, token: string): Promise<{ status: number; text: string; type: string | null }> {
  const request = new Request(`http://${host}/api/v1/audit/export${query}`, { headers: { host, authorization: `Bearer ${token}`, [PEER_HEADER]: peerHeaderValue("203.0.113.7") } });
  const response = await exportAudit(request, { params: Promise.resolve({}) });
  return { status: response.status, text: await response.text(), type: response.headers.get("content-type") };
}

type Event = { action: string; kind: string | null; label: string; href: string | null; actorName: string | null };

describe("describeAuditEvent", () => {
  it("fills names, amounts in the tenant's currency and links from the event table", () => {
    const described = describeAuditEvent(
      { action: "property.price_changed", target: "8e0c9a3e-2f4b-4c1d-9a7e-1b2c3d4e5f60", metadata: { name: "12 Oak St", from: "450000.00", to: "425000.00" }, actorName: "Jane Doe", hasActor: true },
      "GBP",
    );
    expect(described).toEqual({ kind: "property", label: "Jane Doe changed the price of 12 Oak St from £450,000 to £425,000", href: "/dashboard/properties/8e0c9a3e-2f4b-4c1d-9a7e-1b2c3d4e5f60" });
    expect(describeAuditEvent({ action: "team.role_changed", target: "sam@example.test", metadata: { from: "agent", to: "manager" }, actorName: null, hasActor: true }, "EUR")).toMatchObject({
      label: "A user of another workspace changed the role of sam@example.test from agent to manager",
      href: "/dashboard/team",
    });
    expect(describeAuditEvent({ action: "tenant.provisioned", target: "acme", metadata: {}, actorName: null, hasActor: false }, "EUR").label).toBe("The workspace was created");
    expect(describeAuditEvent({ action: "legacy.thing", target: "x", metadata: {}, actorName: "Jane", hasActor: true }, "EUR")).toEqual({ kind: null, label: "Jane: legacy.thing (x)", href: null });
  });

  it("has a label for every event whose placeholders are all fillable", () => {
    for (const [action, definition] of Object.entries(AUDIT_EVENTS)) {
      const label = describeAuditEvent({ action, target: "t", metadata: {}, actorName: "Jane", hasActor: true }, "EUR").label;
      expect(label, action).not.toMatch(/[{}]/);
      expect(definition.label.length, action).toBeGreaterThan(5);
    }
  });

  it("defuses spreadsheet formulas and quotes CSV fields", () => {
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField("a,b")).toBe('"a,b"');
    expect(csvField("plain")).toBe("plain");
    expect(csvField(null)).toBe("");
  });
});

describe("activity of properties and transactions", () => {
  let acme: SeededTenant;
  let globex: SeededTenant;
  let jane: SeededUser;
  let janeToken: string;
  let propertyId: string;
  const host = () => `${acme.slug}.localhost:3000`;
  const list = async (query: string, token = janeToken, onHost = host()) => callRoute(listAudit, { host: onHost, path: `/api/v1/audit${query}`, token });
  const events = (response: { json: Record<string, unknown> | null }) => response.json!.data as Event[];

  beforeAll(async () => {
    acme = await seedTenant();
    globex = await seedTenant();
    await sharedDb().tenantSettings.update({ where: { tenantId: acme.id }, data: { currency: "GBP" } });
    jane = await seedUser(acme.id, "admin");
    await sharedDb().user.update({ where: { id: jane.id }, data: { name: "Jane Doe" } });
    janeToken = await tokenFor(jane);
    const actor = { userId: jane.id };
    await runAsTenant(acme.ref, "test", async () => {
      const property = await createProperty({ tenant: acme.ref }, actor, { name: "12 Oak St", address: "12 Oak Street", price: 450000, type: "house" });
      propertyId = property.id;
      await updateProperty({ tenant: acme.ref }, actor, property.id, { price: 425000 });
      await updateProperty({ tenant: acme.ref }, actor, property.id, { published: true, description: "Bright" });
      await updateProperty({ tenant: acme.ref }, actor, property.id, { published: false });
      const sale = await createTransaction({ tenant: acme.ref }, actor, { propertyId: property.id, kind: "sale", amount: 425000 });
      await transitionTransaction({ tenant: acme.ref }, actor, sale.id, "completed");
      const doomed = await createProperty({ tenant: acme.ref }, actor, { name: "Old Barn", address: "Barn Lane", price: 1000, type: "land" });
      await deleteProperty({ tenant: acme.ref }, actor, doomed.id);
    });
  });

  it("records create, edit, price change, publish, unpublish, delete and transactions with readable labels and actor names", async () => {
    const response = await list("?kind=property");
    expect(response.status).toBe(200);
    const labels = events(response).map((event) => event.label);
    expect(labels).toEqual([
      "Jane Doe deleted Old Barn",
      "Jane Doe created Old Barn",
      "Jane Doe unpublished 12 Oak St",
      "Jane Doe published 12 Oak St",
      "Jane Doe edited 12 Oak St (description)",
      "Jane Doe changed the price of 12 Oak St from £450,000 to £425,000",
      "Jane Doe created 12 Oak St",
    ]);
    expect(events(response).find((event) => event.action === "property.price_changed")).toMatchObject({ kind: "property", href: `/dashboard/properties/${propertyId}`, actorName: "Jane Doe" });
    expect(events(response).find((event) => event.action === "property.deleted")!.href).toBeNull();
    expect(events(await list("?kind=transaction")).map((event) => event.label)).toEqual([
      "Jane Doe completed the sale of £425,000 on 12 Oak St",
      "Jane Doe recorded a sale of £425,000 on 12 Oak St",
    ]);
  });

  it("filters by actor and by day; bad filters are 422", async () => {
    const other = await seedUser(acme.id, "owner");
    expect(events(await list(`?actor=${other.id}`))).toEqual([]);
    expect(events(await list(`?actor=${jane.id}&kind=property`))).toHaveLength(7);
    const today = new Date().toISOString().slice(0, 10);
    expect(events(await list(`?kind=property&from=${today}&to=${today}`))).toHaveLength(7);
    expect(events(await list("?kind=property&to=2020-01-01"))).toEqual([]);
    for (const query of ["?kind=bogus", "?actor=nobody", "?from=2024-13-45", "?from=yesterday", "?from=2025-02-02&to=2025-02-01"]) expect((await list(query)).status, query).toBe(422);
  });

  it("exports the filtered trail as CSV, for owners and admins of this tenant only", async () => {
    const csv = await exportCsv(host(), "?kind=property", janeToken);
    expect(csv.status).toBe(200);
    expect(csv.type).toContain("text/csv");
    const lines = csv.text.trim().split("\r\n");
    expect(lines[0]).toBe("when,kind,action,description,actor,actor_email,target,link,ip");
    expect(lines).toHaveLength(8);
    expect(csv.text).toContain(`property,property.price_changed,"Jane Doe changed the price of 12 Oak St from £450,000 to £425,000",Jane Doe,${jane.email},${propertyId}`);
    expect((await exportCsv(host(), "?kind=bogus", janeToken)).status).toBe(422);
    expect((await exportCsv(host(), "", await tokenFor(await seedUser(acme.id, "manager")))).status).toBe(403);
    const globexOwner = await tokenFor(await seedUser(globex.id, "owner"));
    expect((await exportCsv(host(), "", globexOwner)).status).toBe(403);
    expect((await list("", globexOwner)).status).toBe(403);
    const ownHost = await exportCsv(`${globex.slug}.localhost:3000`, "", globexOwner);
    expect(ownHost.status).toBe(200);
    expect(ownHost.text).not.toContain("12 Oak St");
  });
});
