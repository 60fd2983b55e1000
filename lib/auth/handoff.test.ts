import { PEER_HEADER, peerHeaderValue } from "@/lib/http/client-ip";
import { beforeAll, describe, expect, it } from "vitest";
import { sharedDb } from "@/lib/db/shared-client";
import { ownerPool } from "@/lib/db/pools";
import { callRoute } from "@/lib/testing/call-route";
import { seedTenant, type SeededTenant } from "@/lib/testing/seed-tenant";
import { seedUser, type SeededUser } from "@/lib/testing/seed-user";
import { setTenantDomain } from "@/lib/tenants/set-tenant-domain";
import { GET as redeem } from "@/app/t/[tenantId]/auth/handoff/route";
import { GET as start } from "@/app/t/[tenantId]/api/auth/handoff/route";
import { resolveIdentity } from "./identity";
import { encodeSessionToken, sessionCookieName } from "./session-cookie";

async function sessionCookie(user: SeededUser): Promise<string> {
  return `${sessionCookieName()}=${await encodeSessionToken({ uid: user.id, tid: user.tenantId, role: user.role, sv: 0, email: user.email })}`;
}

async function startFor(tenant: SeededTenant, user: SeededUser): Promise<URL> {
  const request = new Request(`http://${tenant.slug}.localhost:3000/api/auth/handoff`, {
    headers: { host: `${tenant.slug}.localhost:3000`, cookie: await sessionCookie(user) },
  });
  const response = await start(request);
  expect(response.status).toBe(303);
  return new URL(response.headers.get("location")!);
}

async function redeemAt(host: string, url: URL): Promise<Response> {
  return redeem(new Request(`http://${host}${url.pathname}${url.search}`, { headers: { host, [PEER_HEADER]: peerHeaderValue("203.0.113.9") } }));
}

describe("sign-in hand-off to the custom domain (customers only)", () => {
  let acme: SeededTenant;
  let globex: SeededTenant;
  let agent: SeededUser;
  let customer: SeededUser;

  beforeAll(async () => {
    acme = await seedTenant();
    globex = await seedTenant();
    await setTenantDomain(acme.slug, "homes.acme-handoff.test", { verified: true });
    await setTenantDomain(globex.slug, "homes.globex-handoff.test", { verified: true });
    agent = await seedUser(acme.id, "agent");
    customer = await seedUser(acme.id, "customer");
  });

  it("redirects a customer to the custom domain, which sets its own session once; a replay fails", async () => {
    const url = await startFor(acme, customer);
    expect(url.origin).toBe("http://homes.acme-handoff.test:3000");
    expect(url.pathname).toBe("/auth/handoff");

    const response = await redeemAt("homes.acme-handoff.test:3000", url);
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/my-enquiries");
    const setCookie = response.headers.get("set-cookie")!;
    expect(setCookie).toMatch(/^next-auth\.session-token=[^;]+; Path=\/; HttpOnly; SameSite=Lax/);
    expect(setCookie).not.toMatch(/Domain=/i);
    const identity = await resolveIdentity({ host: "homes.acme-handoff.test:3000", authorization: null, cookieHeader: setCookie.split(";")[0]! });
    expect(identity).toMatchObject({ userId: customer.id, tenantId: acme.id, role: "customer" });

    const replay = await redeemAt("homes.acme-handoff.test:3000", url);
    expect(replay.status).toBe(400);
    expect(replay.headers.get("set-cookie")).toBeNull();
    const rejected = await sharedDb().auditLog.findFirst({ where: { action: "security.handoff_rejected", tenantId: acme.id } });
    expect(rejected?.metadata).toMatchObject({ reason: "replayed" });
  });

  it("cannot be spent on another tenant's domain, nor on the subdomain", async () => {
    const url = await startFor(acme, customer);
    expect((await redeemAt("homes.globex-handoff.test", url)).status).toBe(400);
    expect((await redeemAt(`${acme.slug}.localhost:3000`, url)).status).toBe(400);
    // Refused attempts do not spend it: the right domain still works.
    expect((await redeemAt("homes.acme-handoff.test", url)).status).toBe(303);
  });

  it("expires after 60 seconds", async () => {
    const url = await startFor(acme, customer);
    await ownerPool().query("UPDATE public.handoff_tokens SET expires_at = now() - interval '1 second' WHERE used_at IS NULL");
    const response = await redeemAt("homes.acme-handoff.test", url);
    expect(response.status).toBe(400);
    const token = await sharedDb().handoffToken.findFirst({ where: { userId: customer.id }, orderBy: { createdAt: "desc" } });
    expect(token!.expiresAt.getTime() - token!.createdAt.getTime()).toBeLessThanOrEqual(60_000);
  });

  it("needs a signed-in customer of this tenant on its subdomain", async () => {
    const anonymous = await start(new Request(`http://${acme.slug}.localhost:3000/api/auth/handoff`, { headers: { host: `${acme.slug}.localhost:3000` } }));
    expect(anonymous.status).toBe(401);
    const globexCustomer = await seedUser(globex.id, "customer");
    const foreign = await start(new Request(`http://${acme.slug}.localhost:3000/api/auth/handoff`, { headers: { host: `${acme.slug}.localhost:3000`, cookie: await sessionCookie(globexCustomer) } }));
    expect(foreign.status).toBe(403);
    const onCustomDomain = await start(new Request("http://homes.acme-handoff.test/api/auth/handoff", { headers: { host: "homes.acme-handoff.test", cookie: await sessionCookie(customer) } }));
    expect(onCustomDomain.status).toBe(400);
  });

  it.each(["owner", "admin", "agent", "viewer"] as const)("refuses a %s with 403 and creates no token: a staff session never reaches the origin that runs tenant code", async (role) => {
    const staff = role === "agent" ? agent : await seedUser(acme.id, role);
    const response = await callRoute(start, { host: `${acme.slug}.localhost:3000`, path: "/api/auth/handoff", cookie: await sessionCookie(staff) });
    expect(response.status).toBe(403);
    expect(response.json).toMatchObject({ error: "forbidden", message: expect.stringContaining("Only customers") });
    expect(await sharedDb().handoffToken.count({ where: { userId: staff.id } })).toBe(0);
  });

  it("does not redeem a token minted for a user who is no longer a customer (role changed to staff)", async () => {
    const promoted = await seedUser(acme.id, "customer");
    const url = await startFor(acme, promoted);
    await ownerPool().query("UPDATE public.users SET role = 'agent' WHERE id = $1", [promoted.id]);
    const response = await redeemAt("homes.acme-handoff.test", url);
    expect(response.status).toBe(400);
    expect(response.headers.get("set-cookie")).toBeNull();
  });

  it("refuses when the workspace has no verified custom domain", async () => {
    const plain = await seedTenant();
    const plainCustomer = await seedUser(plain.id, "customer");
    const response = await callRoute(start, { host: `${plain.slug}.localhost:3000`, path: "/api/auth/handoff", cookie: await sessionCookie(plainCustomer) });
    expect(response.status).toBe(409);
  });
});
