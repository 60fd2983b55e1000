import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { issueApiToken } from "@/lib/auth/api-token";
import { callRoute } from "@/lib/testing/call-route";
import { seedProperty, seedTenant, type SeededTenant } from "@/lib/testing/seed-tenant";
import { seedUser, type SeededUser } from "@/lib/testing/seed-user";
import { POST as enquire } from "@/app/t/[tenantId]/api/portal/enquiries/route";
import { GET as listLeads } from "@/app/t/[tenantId]/api/v1/leads/route";
import { POST as markHandled } from "@/app/t/[tenantId]/api/v1/leads/[id]/handled/route";

async function tokenFor(user: SeededUser): Promise<string> {
  return (await issueApiToken({ id: user.id, tenantId: user.tenantId!, email: user.email, name: null, role: user.role, sessionVersion: 0 })).accessToken;
}

describe("portal enquiries and leads", () => {
  let acme: SeededTenant;
  let globex: SeededTenant;
  let published: string;
  let draft: string;
  let agentToken: string;
  const host = () => `${acme.slug}.localhost:3000`;

  beforeAll(async () => {
    acme = await seedTenant();
    globex = await seedTenant();
    published = (await seedProperty(acme.ref, { name: "On the market", published: true })).id;
    draft = (await seedProperty(acme.ref, { name: "Not yet" })).id;
    agentToken = await tokenFor(await seedUser(acme.id, "agent"));
  });

  const send = (body: Record<string, unknown>, ip: string, onHost = host()) =>
    callRoute(enquire, { host: onHost, path: "/api/portal/enquiries", method: "POST", body, headers: { "x-forwarded-for": ip } });
  const leads = (token = agentToken, onHost = host()) => callRoute(listLeads, { host: onHost, path: "/api/v1/leads", token });
  const ENQUIRY = { name: "Dana Buyer", email: "dana@example.test", message: "Can I view it on Saturday?" };

  it("an enquiry on a published property becomes a lead staff see, and can be marked handled", async () => {
    expect(await send({ ...ENQUIRY, propertyId: published }, "203.0.113.10")).toEqual({ status: 202, json: { accepted: true } });
    const list = await leads();
    const lead = (list.json!.data as Array<{ id: string; name: string; status: string; propertyId: string }>).find((entry) => entry.name === "Dana Buyer")!;
    expect(lead).toMatchObject({ status: "new", propertyId: published });
    const handled = await callRoute(markHandled, { host: host(), path: `/api/v1/leads/${lead.id}/handled`, method: "POST", token: agentToken, params: { id: lead.id } });
    expect(handled.json).toMatchObject({ status: "handled" });
  });

  it("the honeypot stores nothing but answers like a success", async () => {
    const before = ((await leads()).json!.data as unknown[]).length;
    expect(await send({ ...ENQUIRY, propertyId: published, website: "http://spam.example" }, "203.0.113.11")).toEqual({ status: 202, json: { accepted: true } });
    expect(((await leads()).json!.data as unknown[]).length).toBe(before);
  });

  it("limits one IP to 5 enquiries per 10 minutes (429)", async () => {
    for (let attempt = 0; attempt < 5; attempt++) expect((await send({ ...ENQUIRY, propertyId: published }, "203.0.113.12")).status).toBe(202);
    const sixth = await send({ ...ENQUIRY, propertyId: published }, "203.0.113.12");
    expect(sixth).toMatchObject({ status: 429, json: { error: "rate_limited" } });
    expect((await send({ ...ENQUIRY, propertyId: published }, "203.0.113.13")).status).toBe(202);
  });

  it("unpublished, unknown and other tenants' properties → 404; bad input → 422", async () => {
    expect((await send({ ...ENQUIRY, propertyId: draft }, "203.0.113.20")).status).toBe(404);
    expect((await send({ ...ENQUIRY, propertyId: randomUUID() }, "203.0.113.21")).status).toBe(404);
    const globexProperty = (await seedProperty(globex.ref, { published: true })).id;
    expect((await send({ ...ENQUIRY, propertyId: globexProperty }, "203.0.113.22")).status).toBe(404);
    const invalid = await send({ propertyId: published, name: "", email: "nope", message: "" }, "203.0.113.23");
    expect(invalid.status).toBe(422);
    expect(Object.keys(invalid.json!.fieldErrors as object).sort()).toEqual(["email", "message", "name"]);
  });

  it("leads stay in their tenant: another tenant's token → 403, another tenant's lead id → 404", async () => {
    const globexProperty = (await seedProperty(globex.ref, { published: true })).id;
    await send({ ...ENQUIRY, name: "Globex visitor", propertyId: globexProperty }, "203.0.113.30", `${globex.slug}.localhost:3000`);
    const globexToken = await tokenFor(await seedUser(globex.id, "owner"));
    const globexLead = ((await leads(globexToken, `${globex.slug}.localhost:3000`)).json!.data as Array<{ id: string; name: string }>)[0]!;
    expect(globexLead.name).toBe("Globex visitor");
    expect((await leads(agentToken, `${globex.slug}.localhost:3000`)).status).toBe(403);
    expect((await callRoute(markHandled, { host: host(), path: "/x", method: "POST", token: agentToken, params: { id: globexLead.id } })).status).toBe(404);
    expect(((await leads()).json!.data as Array<{ name: string }>).map((lead) => lead.name)).not.toContain("Globex visitor");
    const viewerToken = await tokenFor(await seedUser(acme.id, "viewer"));
    expect((await callRoute(markHandled, { host: host(), path: "/x", method: "POST", token: viewerToken, params: { id: globexLead.id } })).status).toBe(403);
  });
});
