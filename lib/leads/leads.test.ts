import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { issueApiToken } from "@/lib/auth/api-token";
import { encodeSessionToken, sessionCookieName } from "@/lib/auth/session-cookie";
import { sharedDb } from "@/lib/db/shared-client";
import { kv } from "@/lib/kv/kv";
import { callRoute } from "@/lib/testing/call-route";
import { seedProperty, seedTenant, type SeededTenant } from "@/lib/testing/seed-tenant";
import { seedUser, type SeededUser } from "@/lib/testing/seed-user";
import { GET as myEnquiries, POST as enquire } from "@/app/t/[tenantId]/api/portal/enquiries/route";
import { GET as listLeads } from "@/app/t/[tenantId]/api/v1/leads/route";
import { POST as markHandled } from "@/app/t/[tenantId]/api/v1/leads/[id]/handled/route";

async function tokenFor(user: SeededUser): Promise<string> {
  return (await issueApiToken({ id: user.id, tenantId: user.tenantId!, email: user.email, name: null, role: user.role, sessionVersion: 0 })).accessToken;
}

async function sessionCookieFor(user: SeededUser): Promise<string> {
  return `${sessionCookieName()}=${await encodeSessionToken({ uid: user.id, tid: user.tenantId, role: user.role, sv: 0, email: user.email })}`;
}

type Lead = { id: string; name: string; status: string; propertyId: string; handledBy: string | null };

describe("portal enquiries and leads", () => {
  let acme: SeededTenant;
  let globex: SeededTenant;
  let published: string;
  let draft: string;
  let agent: SeededUser;
  let agentToken: string;
  const host = () => `${acme.slug}.localhost:3000`;

  beforeAll(async () => {
    acme = await seedTenant();
    globex = await seedTenant();
    published = (await seedProperty(acme.ref, { name: "On the market", published: true })).id;
    draft = (await seedProperty(acme.ref, { name: "Not yet" })).id;
    agent = await seedUser(acme.id, "agent");
    agentToken = await tokenFor(agent);
  });

  const send = (body: Record<string, unknown>, ip: string, onHost = host()) =>
    callRoute(enquire, { host: onHost, path: "/api/portal/enquiries", method: "POST", body, ip });
  const leads = (token = agentToken, onHost = host()) => callRoute(listLeads, { host: onHost, path: "/api/v1/leads", token });
  const ENQUIRY = { name: "Dana Buyer", email: "dana@example.test", message: "Can I view it on Saturday?" };

  it("an enquiry on a published property becomes a lead staff see, and can be marked handled", async () => {
    expect(await send({ ...ENQUIRY, propertyId: published }, "203.0.113.10")).toEqual({ status: 202, json: { accepted: true } });
    const list = await leads();
    const lead = (list.json!.data as Lead[]).find((entry) => entry.name === "Dana Buyer")!;
    expect(lead).toMatchObject({ status: "new", propertyId: published });
    const handled = await callRoute(markHandled, { host: host(), path: `/api/v1/leads/${lead.id}/handled`, method: "POST", token: agentToken, params: { id: lead.id } });
    expect(handled.json).toMatchObject({ status: "handled", handledBy: agent.id, handledAt: expect.any(String) });
    const again = await callRoute(markHandled, { host: host(), path: `/api/v1/leads/${lead.id}/handled`, method: "POST", token: agentToken, params: { id: lead.id } });
    expect(again).toMatchObject({ status: 200, json: { status: "handled", handledAt: handled.json!.handledAt } });
    expect(await sharedDb().auditLog.count({ where: { tenantId: acme.id, action: "lead.handled", target: lead.id } })).toBe(1);
    expect(await sharedDb().auditLog.count({ where: { tenantId: acme.id, action: "lead.created", target: lead.id } })).toBe(1);
  });

  it("the honeypot stores nothing but answers like a success, even for otherwise invalid input", async () => {
    const before = ((await leads()).json!.data as unknown[]).length;
    expect(await send({ ...ENQUIRY, propertyId: published, website: "http://spam.example" }, "203.0.113.11")).toEqual({ status: 202, json: { accepted: true } });
    expect(await send({ propertyId: draft, website: "http://spam.example" }, "203.0.113.11")).toEqual({ status: 202, json: { accepted: true } });
    expect(((await leads()).json!.data as unknown[]).length).toBe(before);
    const client = (await kv())!;
    expect(await client.redis.keys(`${client.key("ratelimit", "portal-enquiry")}:${acme.id}:203.0.113.11*`)).toHaveLength(0);
  });

  it("a NUL byte in an enquiry → 422 naming the field, never 500; no lead stored", async () => {
    const before = ((await leads()).json!.data as unknown[]).length;
    const refused = await send({ ...ENQUIRY, propertyId: published, message: "Hello\u0000there", name: "Nul\u0000" }, "203.0.113.14");
    expect(refused).toMatchObject({ status: 422, json: { error: "validation_failed", fieldErrors: { message: [expect.stringMatching(/NUL/)], name: [expect.stringMatching(/NUL/)] } } });
    expect(((await leads()).json!.data as unknown[]).length).toBe(before);
  });

  it("limits one IP to 5 enquiries per 10 minutes (429)", async () => {
    for (let attempt = 0; attempt < 5; attempt++) expect((await send({ ...ENQUIRY, propertyId: published }, "203.0.113.12")).status).toBe(202);
    const sixth = await send({ ...ENQUIRY, propertyId: published }, "203.0.113.12");
    expect(sixth).toMatchObject({ status: 429, json: { error: "rate_limited" } });
    expect((await send({ ...ENQUIRY, propertyId: published }, "203.0.113.13")).status).toBe(202);
  });

  it("staff page through leads newest first, by status and by property", async () => {
    const tenant = await seedTenant();
    const tenantHost = `${tenant.slug}.localhost:3000`;
    const token = await tokenFor(await seedUser(tenant.id, "viewer"));
    const first = (await seedProperty(tenant.ref, { published: true })).id;
    const second = (await seedProperty(tenant.ref, { published: true })).id;
    for (const [index, propertyId] of [first, second, first, second, first].entries()) {
      await send({ ...ENQUIRY, name: `Visitor ${index}`, propertyId }, `198.51.100.${index}`, tenantHost);
    }
    const get = (query: string) => callRoute(listLeads, { host: tenantHost, path: `/api/v1/leads${query}`, token });
    const page1 = await get("?limit=2");
    expect((page1.json!.data as Lead[]).map((lead) => lead.name)).toEqual(["Visitor 4", "Visitor 3"]);
    const page2 = await get(`?limit=2&cursor=${page1.json!.nextCursor as string}`);
    expect((page2.json!.data as Lead[]).map((lead) => lead.name)).toEqual(["Visitor 2", "Visitor 1"]);
    const page3 = await get(`?limit=2&cursor=${page2.json!.nextCursor as string}`);
    expect(page3.json).toMatchObject({ data: [{ name: "Visitor 0" }], nextCursor: null });
    expect(((await get(`?propertyId=${second}`)).json!.data as Lead[]).map((lead) => lead.name)).toEqual(["Visitor 3", "Visitor 1"]);
    expect(((await get("?status=handled")).json!.data as Lead[])).toEqual([]);
    expect(((await get("?status=new")).json!.data as Lead[])).toHaveLength(5);
    for (const query of ["?status=lost", "?cursor=bogus", "?limit=0", "?propertyId=nope"]) expect((await get(query)).status).toBe(422);
  });

  it("a signed-in customer's enquiries are theirs alone; staff and visitors cannot list them", async () => {
    const dana = await seedUser(acme.id, "customer");
    const eli = await seedUser(acme.id, "customer");
    const asCustomer = async (customer: SeededUser, body: Record<string, unknown>, ip: string) =>
      callRoute(enquire, { host: host(), path: "/api/portal/enquiries", method: "POST", body, cookie: await sessionCookieFor(customer), origin: `http://${host()}`, ip });
    expect((await asCustomer(dana, { ...ENQUIRY, message: "Dana's question", propertyId: published }, "203.0.113.40")).status).toBe(202);
    expect((await asCustomer(eli, { ...ENQUIRY, message: "Eli's question", propertyId: published }, "203.0.113.41")).status).toBe(202);
    await send({ ...ENQUIRY, message: "Anonymous question", propertyId: published }, "203.0.113.42");

    const mine = async (customer: SeededUser) => callRoute(myEnquiries, { host: host(), path: "/api/portal/enquiries", cookie: await sessionCookieFor(customer) });
    const danas = await mine(dana);
    expect(danas.status).toBe(200);
    expect(danas.json!.data).toEqual([{ id: expect.any(String), propertyId: published, propertyName: "On the market", message: "Dana's question", status: "new", createdAt: expect.any(String) }]);
    expect((await mine(eli)).json!.data).toMatchObject([{ message: "Eli's question" }]);
    const created = await sharedDb().auditLog.findFirst({ where: { tenantId: acme.id, action: "lead.created", actorUserId: dana.id } });
    expect(created?.target).toBe((danas.json!.data as Array<{ id: string }>)[0]!.id);

    expect((await callRoute(myEnquiries, { host: host(), path: "/api/portal/enquiries" })).status).toBe(401);
    expect((await callRoute(myEnquiries, { host: host(), path: "/api/portal/enquiries", token: agentToken })).status).toBe(403);
    const globexCustomer = await seedUser(globex.id, "customer");
    expect((await callRoute(myEnquiries, { host: host(), path: "/api/portal/enquiries", cookie: await sessionCookieFor(globexCustomer) })).status).toBe(403);
    expect((await asCustomer(globexCustomer, { ...ENQUIRY, propertyId: published }, "203.0.113.43")).status).toBe(403);
    const foreignSite = await callRoute(enquire, { host: host(), path: "/api/portal/enquiries", method: "POST", body: { ...ENQUIRY, propertyId: published }, cookie: await sessionCookieFor(dana), origin: "http://evil.example" });
    expect(foreignSite.status).toBe(403);
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
    expect((await callRoute(markHandled, { host: `${globex.slug}.localhost:3000`, path: "/x", method: "POST", token: agentToken, params: { id: globexLead.id } })).status).toBe(403);
    expect((await callRoute(markHandled, { host: host(), path: "/x", method: "POST", token: agentToken, params: { id: "not-a-uuid" } })).status).toBe(404);
    const viewerToken = await tokenFor(await seedUser(acme.id, "viewer"));
    expect((await callRoute(markHandled, { host: host(), path: "/x", method: "POST", token: viewerToken, params: { id: globexLead.id } })).status).toBe(403);
    const globexLeadNow = ((await leads(globexToken, `${globex.slug}.localhost:3000`)).json!.data as Lead[])[0]!;
    expect(globexLeadNow.status).toBe("new");
  });
});
