import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { issueApiToken } from "@/lib/auth/api-token";
import { ownerPool } from "@/lib/db/pools";
import { runAsTenant } from "@/lib/tenancy/context";
import { callRoute } from "@/lib/testing/call-route";
import { seedProperty, seedTenant, type SeededTenant } from "@/lib/testing/seed-tenant";
import { seedUser, type SeededUser } from "@/lib/testing/seed-user";
import * as collection from "@/app/t/[tenantId]/api/v1/transactions/route";
import * as item from "@/app/t/[tenantId]/api/v1/transactions/[id]/route";
import * as cancel from "@/app/t/[tenantId]/api/v1/transactions/[id]/cancel/route";
import * as complete from "@/app/t/[tenantId]/api/v1/transactions/[id]/complete/route";
import { summariseTransactionsThisMonth } from "./summarise-transactions";

async function tokenFor(user: SeededUser): Promise<string> {
  return (await issueApiToken({ id: user.id, tenantId: user.tenantId!, email: user.email, name: null, role: user.role, sessionVersion: 0 })).accessToken;
}

describe("transactions API", () => {
  let acme: SeededTenant;
  let globex: SeededTenant;
  let agentToken: string;
  let viewerToken: string;
  let globexToken: string;
  let propertyId: string;
  const acmeHost = () => `${acme.slug}.localhost:3000`;

  beforeAll(async () => {
    acme = await seedTenant();
    globex = await seedTenant();
    agentToken = await tokenFor(await seedUser(acme.id, "agent"));
    viewerToken = await tokenFor(await seedUser(acme.id, "viewer"));
    globexToken = await tokenFor(await seedUser(globex.id, "owner"));
    propertyId = (await seedProperty(acme.ref)).id;
  });

  const record = (body: Record<string, unknown>, token = agentToken, host = acmeHost()) =>
    callRoute(collection.POST, { host, path: "/api/v1/transactions", method: "POST", token, body });
  const move = (to: "complete" | "cancel", id: string, token = agentToken, host = acmeHost()) =>
    callRoute((to === "complete" ? complete : cancel).POST, { host, path: `/api/v1/transactions/${id}/${to}`, method: "POST", token, params: { id } });

  it("records a pending transaction and completes it; no other transitions", async () => {
    const created = await record({ propertyId, kind: "sale", amount: 425000.5, note: "Exchange of contracts" });
    expect(created).toMatchObject({ status: 201, json: { status: "pending", amount: "425000.50", kind: "sale", completedAt: null } });
    const id = created.json!.id as string;

    const completed = await move("complete", id);
    expect(completed).toMatchObject({ status: 200, json: { status: "completed" } });
    expect(completed.json!.completedAt).not.toBeNull();
    expect(await move("cancel", id)).toMatchObject({ status: 409, json: { error: "conflict", message: "Only pending transactions can be completed or cancelled" } });
    expect((await move("complete", id)).status).toBe(409);

    const other = (await record({ propertyId, kind: "deposit", amount: 1000 })).json!.id as string;
    expect((await move("cancel", other)).json).toMatchObject({ status: "cancelled", completedAt: null });
    expect((await move("complete", other)).status).toBe(409);

    const read = await callRoute(item.GET, { host: acmeHost(), path: `/api/v1/transactions/${id}`, token: viewerToken, params: { id } });
    expect(read).toMatchObject({ status: 200, json: { id, status: "completed", note: "Exchange of contracts", amount: "425000.50" } });
    expect((await callRoute(item.GET, { host: acmeHost(), path: "/api/v1/transactions/x", token: agentToken, params: { id: "x" } })).status).toBe(404);
  });

  it("keeps amounts exact to the cent and refuses a third decimal", async () => {
    for (const [amount, stored] of [[0.29, "0.29"], ["1.10", "1.10"], [4.35, "4.35"], ["999999999999.99", "999999999999.99"]] as const) {
      expect(await record({ propertyId, kind: "fee", amount })).toMatchObject({ status: 201, json: { amount: stored } });
    }
    for (const amount of [1.005, 0, "", "12abc", true, 1e13]) {
      const response = await record({ propertyId, kind: "fee", amount });
      expect(response.status, `amount ${JSON.stringify(amount)}`).toBe(422);
      expect(Object.keys(response.json!.fieldErrors as object)).toEqual(["amount"]);
    }
    expect((await record({ propertyId, kind: "fee", amount: 1, occurredAt: "yesterday" })).status).toBe(422);
    expect((await record({ propertyId, kind: "fee", amount: 1, note: "x".repeat(2001) })).status).toBe(422);
  });

  it("two simultaneous completions: exactly one wins", async () => {
    const id = (await record({ propertyId, kind: "fee", amount: 99 })).json!.id as string;
    const results = await Promise.all([move("complete", id), move("cancel", id)]);
    expect(results.map((result) => result.status).sort()).toEqual([200, 409]);
  });

  it("refuses invalid input with field errors and records nothing", async () => {
    const before = ((await callRoute(collection.GET, { host: acmeHost(), path: "/api/v1/transactions?limit=100", token: agentToken })).json!.data as unknown[]).length;
    const response = await record({ propertyId: "nope", kind: "bribe", amount: -3.333 });
    expect(response.status).toBe(422);
    expect(Object.keys(response.json!.fieldErrors as object).sort()).toEqual(["amount", "kind", "propertyId"]);
    expect(((await callRoute(collection.GET, { host: acmeHost(), path: "/api/v1/transactions?limit=100", token: agentToken })).json!.data as unknown[]).length).toBe(before);
  });

  it("another tenant's property or transaction is a 404, and stays unchanged", async () => {
    const globexProperty = await seedProperty(globex.ref);
    expect((await record({ propertyId: globexProperty.id, kind: "sale", amount: 1 })).status).toBe(404);
    const globexTransaction = (await record({ propertyId: globexProperty.id, kind: "rent", amount: 1200 }, globexToken, `${globex.slug}.localhost:3000`)).json!.id as string;
    expect((await move("complete", globexTransaction)).status).toBe(404);
    expect((await move("cancel", globexTransaction)).status).toBe(404);
    expect((await move("complete", randomUUID())).status).toBe(404);
    expect((await callRoute(item.GET, { host: acmeHost(), path: `/api/v1/transactions/${globexTransaction}`, token: agentToken, params: { id: globexTransaction } })).status).toBe(404);
    const globexList = await callRoute(collection.GET, { host: `${globex.slug}.localhost:3000`, path: "/api/v1/transactions", token: globexToken });
    expect(globexList.json!.data).toEqual([expect.objectContaining({ id: globexTransaction, status: "pending" })]);
    expect((await callRoute(collection.GET, { host: `${globex.slug}.localhost:3000`, path: "/api/v1/transactions", token: agentToken })).status).toBe(403);
  });

  it("a property deleted between the check and the insert is a 404, and nothing is recorded", async () => {
    const tenant = await seedTenant();
    const token = await tokenFor(await seedUser(tenant.id, "agent"));
    const host = `${tenant.slug}.localhost:3000`;
    const property = await seedProperty(tenant.ref);
    // The concurrent delete, made deterministic: it happens inside the INSERT, before the foreign key is checked.
    await ownerPool().query(`
      CREATE FUNCTION "${tenant.schema}".delete_property_first() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN DELETE FROM "${tenant.schema}".properties WHERE id = NEW.property_id; RETURN NEW; END $$;
      CREATE TRIGGER delete_property_first BEFORE INSERT ON "${tenant.schema}".transactions FOR EACH ROW EXECUTE FUNCTION "${tenant.schema}".delete_property_first();`);
    expect(await record({ propertyId: property.id, kind: "sale", amount: 1 }, token, host)).toMatchObject({ status: 404, json: { message: "Property not found" } });
    expect((await callRoute(collection.GET, { host, path: "/api/v1/transactions", token })).json!.data).toEqual([]);
  });

  it("a viewer can list but not record or complete", async () => {
    expect((await callRoute(collection.GET, { host: acmeHost(), path: "/api/v1/transactions", token: viewerToken })).status).toBe(200);
    expect((await record({ propertyId, kind: "sale", amount: 1 }, viewerToken)).status).toBe(403);
    const id = (await record({ propertyId, kind: "sale", amount: 1 })).json!.id as string;
    expect((await move("complete", id, viewerToken)).status).toBe(403);
  });

  it("filters, pages with a stable cursor, and sums this month", async () => {
    const tenant = await seedTenant();
    const token = await tokenFor(await seedUser(tenant.id, "manager"));
    const host = `${tenant.slug}.localhost:3000`;
    const property = await seedProperty(tenant.ref);
    const days = [1, 2, 3, 4, 5];
    for (const day of days) {
      await record({ propertyId: property.id, kind: day % 2 === 0 ? "rent" : "sale", amount: day * 100, occurredAt: `2026-11-0${day}T12:00:00Z` }, token, host);
    }
    const first = await callRoute(collection.GET, { host, path: "/api/v1/transactions?limit=2", token });
    expect((first.json!.data as Array<{ amount: string }>).map((t) => t.amount)).toEqual(["500.00", "400.00"]);
    await record({ propertyId: property.id, kind: "fee", amount: 1, occurredAt: "2026-11-30T12:00:00Z" }, token, host);
    const second = await callRoute(collection.GET, { host, path: `/api/v1/transactions?limit=2&cursor=${first.json!.nextCursor as string}`, token });
    expect((second.json!.data as Array<{ amount: string }>).map((t) => t.amount)).toEqual(["300.00", "200.00"]);
    const amounts = async (query: string) => {
      const response = await callRoute(collection.GET, { host, path: `/api/v1/transactions?${query}`, token });
      expect(response.status, query).toBe(200);
      return (response.json!.data as Array<{ amount: string }>).map((t) => t.amount);
    };
    expect(await amounts("kind=rent")).toEqual(["400.00", "200.00"]);
    expect(await amounts("from=2026-11-02&to=2026-11-04")).toEqual(["400.00", "300.00", "200.00"]);
    expect(await amounts("from=2026-11-02T12:00:01Z&to=2026-11-04T12:00:00Z")).toEqual(["400.00", "300.00"]);
    expect(await amounts("kind=sale&from=2026-11-02&status=pending")).toEqual(["500.00", "300.00"]);
    expect(await amounts("status=completed")).toEqual([]);
    expect(await amounts(`propertyId=${propertyId}`)).toEqual([]);
    const otherProperty = await seedProperty(tenant.ref, { name: "Mill Cottage" });
    await record({ propertyId: otherProperty.id, kind: "deposit", amount: 50, occurredAt: "2026-10-31T23:59:59.999Z" }, token, host);
    expect(await amounts(`propertyId=${otherProperty.id}`)).toEqual(["50.00"]);
    expect(await amounts("to=2026-10-31")).toEqual(["50.00"]);
    for (const bad of ["from=2026-11-05&to=2026-11-01", "from=soon", "kind=bribe", "limit=101", "cursor=bogus", "propertyId=nope"]) {
      expect((await callRoute(collection.GET, { host, path: `/api/v1/transactions?${bad}`, token })).status, bad).toBe(422);
    }

    const summary = await runAsTenant(tenant.ref, "r", () => summariseTransactionsThisMonth({ tenant: tenant.ref }, new Date("2026-11-15T00:00:00Z")));
    expect(summary).toEqual({ count: 6, total: "1501.00" });
  });
});
