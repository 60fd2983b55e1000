import { beforeAll, describe, expect, it } from "vitest";
import { sharedDb } from "@/lib/db/shared-client";
import { callRoute } from "@/lib/testing/call-route";
import { seedTenant, type SeededTenant } from "@/lib/testing/seed-tenant";
import { seedUser, type SeededUser } from "@/lib/testing/seed-user";
import { setTenantDomain } from "@/lib/tenants/set-tenant-domain";
import * as member from "@/app/t/[tenantId]/api/v1/members/[id]/route";
import * as enquiries from "@/app/t/[tenantId]/api/portal/enquiries/route";
import { POST as issueToken } from "@/app/t/[tenantId]/api/auth/token/route";
import { issueApiToken } from "./api-token";
import { authOptions } from "./auth-options";
import { resolveIdentity, STAFF_ON_CUSTOM_DOMAIN_MESSAGE } from "./identity";
import { DUPLICATE_SESSION_MESSAGE, encodeSessionToken, sessionCookieName } from "./session-cookie";

async function sessionValue(user: SeededUser): Promise<string> {
  return encodeSessionToken({ uid: user.id, tid: user.tenantId, role: user.role, sv: 0, email: user.email });
}

async function sessionCookie(user: SeededUser): Promise<string> {
  return `${sessionCookieName()}=${await sessionValue(user)}`;
}

async function bearer(user: SeededUser): Promise<string> {
  const { accessToken } = await issueApiToken({ ...user, name: null, sessionVersion: 0, tenantId: user.tenantId! });
  return accessToken;
}

const DOMAIN = "homes.identity-origin.test";

describe("identity on a tenant's two origins", () => {
  let acme: SeededTenant;
  let owner: SeededUser;
  let admin: SeededUser;
  let customer: SeededUser;
  let workspace: string;

  beforeAll(async () => {
    acme = await seedTenant();
    await setTenantDomain(acme.slug, DOMAIN, { verified: true });
    owner = await seedUser(acme.id, "owner");
    admin = await seedUser(acme.id, "admin");
    customer = await seedUser(acme.id, "customer");
    workspace = `${acme.slug}.localhost:3000`;
  });

  it.each(["owner", "admin", "agent", "viewer"] as const)("a %s session is an identity on {slug}.<root> and none on the custom domain", async (role) => {
    const staff = role === "owner" ? owner : await seedUser(acme.id, role);
    const cookieHeader = await sessionCookie(staff);
    expect(await resolveIdentity({ host: workspace, authorization: null, cookieHeader })).toMatchObject({ userId: staff.id, role });
    expect(await resolveIdentity({ host: DOMAIN, authorization: null, cookieHeader })).toBeNull();
    expect(await resolveIdentity({ host: `${DOMAIN}:3000`, authorization: null, cookieHeader })).toBeNull();
  });

  it("a customer session is an identity on both origins", async () => {
    const cookieHeader = await sessionCookie(customer);
    for (const host of [workspace, DOMAIN]) {
      expect(await resolveIdentity({ host, authorization: null, cookieHeader })).toMatchObject({ userId: customer.id, role: "customer" });
    }
  });

  it("a staff bearer token is refused on the custom domain with 401", async () => {
    const token = await bearer(owner);
    expect(await resolveIdentity({ host: workspace, authorization: `Bearer ${token}`, cookieHeader: null })).toMatchObject({ userId: owner.id, via: "token" });
    await expect(resolveIdentity({ host: DOMAIN, authorization: `Bearer ${token}`, cookieHeader: null })).rejects.toMatchObject({ code: "unauthorized", message: STAFF_ON_CUSTOM_DOMAIN_MESSAGE });
  });

  it("the shared request steps refuse the owner's session on the custom domain even if a staff API were reached there (401, role unchanged)", async () => {
    const patch = (host: string, cookie: string) =>
      callRoute(member.PATCH, { host, path: `/api/v1/members/${admin.id}`, method: "PATCH", cookie, origin: `http://${host}`, params: { tenantId: acme.id, id: admin.id }, body: { role: "owner" } });
    const refused = await patch(DOMAIN, await sessionCookie(owner));
    expect(refused.status).toBe(401);
    expect((await sharedDb().user.findUniqueOrThrow({ where: { id: admin.id } })).role).toBe("admin");
    const tokenRefused = await callRoute(member.PATCH, { host: DOMAIN, path: `/api/v1/members/${admin.id}`, method: "PATCH", token: await bearer(owner), params: { tenantId: acme.id, id: admin.id }, body: { role: "owner" } });
    expect(tokenRefused.status).toBe(401);
    expect((await sharedDb().user.findUniqueOrThrow({ where: { id: admin.id } })).role).toBe("admin");
    // The same request on the workspace host is the owner's to make.
    expect((await patch(workspace, await sessionCookie(owner))).status).toBe(200);
    expect((await sharedDb().user.findUniqueOrThrow({ where: { id: admin.id } })).role).toBe("owner");
  });
});

describe("a session cookie sent more than once", () => {
  let acme: SeededTenant;
  let customer: SeededUser;
  let planted: SeededUser;
  let host: string;

  beforeAll(async () => {
    acme = await seedTenant();
    customer = await seedUser(acme.id, "customer");
    planted = await seedUser(acme.id, "customer");
    host = `${acme.slug}.localhost:3000`;
  });

  it("is refused whichever comes first: no identity, never the first one", async () => {
    const name = sessionCookieName();
    const mine = await sessionValue(customer);
    const theirs = await sessionValue(planted);
    for (const cookieHeader of [`${name}=${theirs}; ${name}=${mine}`, `${name}=${mine}; other=1; ${name}=${theirs}`, `${name}=${mine}; ${name}=${mine}`]) {
      await expect(resolveIdentity({ host, authorization: null, cookieHeader })).rejects.toMatchObject({ code: "unauthorized", message: DUPLICATE_SESSION_MESSAGE });
    }
    expect(await resolveIdentity({ host, authorization: null, cookieHeader: `${name}=${mine}; ${name}x=${theirs}` })).toMatchObject({ userId: customer.id });
  });

  it("is a 401 on APIs, and an enquiry sent with it is not filed under the planted account", async () => {
    const name = sessionCookieName();
    const cookie = `${name}=${await sessionValue(planted)}; ${name}=${await sessionValue(customer)}`;
    const list = await callRoute(enquiries.GET, { host, path: "/api/portal/enquiries", cookie, params: { tenantId: acme.id } });
    expect(list.status).toBe(401);
    expect(list.json).toMatchObject({ error: "unauthorized", message: DUPLICATE_SESSION_MESSAGE });
    const sent = await callRoute(enquiries.POST, { host, path: "/api/portal/enquiries", method: "POST", cookie, origin: `http://${host}`, params: { tenantId: acme.id }, body: {} });
    expect(sent.status).toBe(401);
  });
});

describe("password sign-in on a custom domain", () => {
  type Authorize = (credentials: Record<string, string>, request: { headers: Record<string, string> }) => Promise<{ id: string } | null>;
  const authorize = (): Authorize => (authOptions().providers[0] as unknown as { options: { authorize: Authorize } }).options.authorize;
  const domain = "homes.sign-in-origin.test";
  let acme: SeededTenant;

  beforeAll(async () => {
    acme = await seedTenant();
    await setTenantDomain(acme.slug, domain, { verified: true });
  });

  it("refuses staff with the workspace address to use, and audits it; customers sign in", async () => {
    const password = "origin-test-password";
    const staff = await seedUser(acme.id, "owner", { password });
    const customer = await seedUser(acme.id, "customer", { password });
    const headers = (host: string) => ({ headers: { host, "x-forwarded-for": "203.0.113.5" } });
    await expect(authorize()({ email: staff.email, password }, headers(domain))).rejects.toThrow(`Staff sign in at ${acme.slug}.localhost:3000`);
    const audit = await sharedDb().auditLog.findFirst({ where: { tenantId: acme.id, actorUserId: staff.id, action: "auth.sign_in_failed" } });
    expect(audit?.metadata).toMatchObject({ reason: "staff_on_custom_domain" });
    expect(await authorize()({ email: staff.email, password }, headers(`${acme.slug}.localhost:3000`))).toMatchObject({ id: staff.id });
    expect(await authorize()({ email: customer.email, password }, headers(domain))).toMatchObject({ id: customer.id });
    // No API token there either, even for the right password (the proxy answers 404 before this).
    const token = await callRoute(issueToken, { host: domain, path: "/api/auth/token", method: "POST", body: { email: staff.email, password } });
    expect(token).toMatchObject({ status: 404, json: { error: "not_found" } });
    expect(JSON.stringify(token.json)).not.toContain("accessToken");
    // A wrong password is the usual answer, telling nothing about the account's role.
    await expect(authorize()({ email: staff.email, password: "wrong" }, headers(domain))).rejects.toThrow("Wrong email or password");
  });
});
