import { beforeAll, describe, expect, it } from "vitest";
import { DELETE as endImpersonationApi } from "@/app/admin/api/admin/tenants/[slug]/impersonations/[id]/route";
import { GET as listImpersonationsApi, POST as startImpersonationApi } from "@/app/admin/api/admin/tenants/[slug]/impersonations/route";
import { PUT as startMaintenanceApi, DELETE as endMaintenanceApi } from "@/app/admin/api/admin/tenants/[slug]/maintenance/route";
import { POST as issueAdminToken } from "@/app/admin/api/auth/token/route";
import { POST as endFromBanner } from "@/app/t/[tenantId]/api/auth/impersonation/end/route";
import { GET as redeemLink } from "@/app/t/[tenantId]/api/auth/impersonation/route";
import { POST as issueTenantToken } from "@/app/t/[tenantId]/api/auth/token/route";
import { GET as listProperties, POST as createProperty } from "@/app/t/[tenantId]/api/v1/properties/route";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { platformDb, sharedDbFor } from "@/lib/db/shared-client";
import { READ_ONLY_IMPERSONATION_MESSAGE } from "@/lib/http/tenant-request";
import { runWithContext } from "@/lib/tenancy/context";
import { resolveHost } from "@/lib/tenancy/resolve-host";
import { callRoute, callRouteWithHeaders } from "@/lib/testing/call-route";
import { seedImpersonation } from "@/lib/testing/seed-impersonation";
import { seedTenant, type SeededTenant } from "@/lib/testing/seed-tenant";
import { seedUser, type SeededUser } from "@/lib/testing/seed-user";
import { bypassesMaintenance } from "./maintenance-bypass";
import type { StartedImpersonation } from "./start-impersonation";

const ADMIN_HOST = "admin.localhost:3000";
const hostOf = (tenant: SeededTenant) => `${tenant.slug}.localhost:3000`;
const PROPERTY = { name: "Harbour View", address: "1 Quay St", price: 250000, type: "house" };

describe("impersonation", () => {
  let tenant: SeededTenant;
  let other: SeededTenant;
  let admin: SeededUser;
  let agent: SeededUser;
  let otherAgent: SeededUser;
  let adminToken: string;

  const start = (slug: string, body: unknown, token = adminToken) =>
    callRoute(startImpersonationApi, { host: ADMIN_HOST, path: `/api/admin/tenants/${slug}/impersonations`, method: "POST", body, token, params: { slug } });
  /** Follows the hand-off link on `host` and returns the session cookie it set (or the refusal). */
  const redeem = async (url: string, host: string) => {
    const path = new URL(url).pathname + new URL(url).search;
    const response = await callRouteWithHeaders(redeemLink, { host, path });
    const setCookie = response.headers.get("set-cookie");
    return { status: response.status, location: response.headers.get("location"), setCookie, cookie: setCookie?.split(";")[0] ?? "" };
  };
  const startAndRedeem = async (write: boolean) => {
    const started = await start(tenant.slug, { userId: agent.id, minutes: 10, write, reason: "Ticket 4711: listing will not save" });
    expect(started.status).toBe(201);
    const body = started.json as unknown as StartedImpersonation;
    const redeemed = await redeem(body.url, hostOf(tenant));
    expect(redeemed.status).toBe(303);
    return { ...body, cookie: redeemed.cookie };
  };
  const get = (target: SeededTenant, cookie: string) => callRoute(listProperties, { host: hostOf(target), path: "/api/v1/properties", cookie, params: { tenantId: target.id } });
  const post = (target: SeededTenant, cookie: string) =>
    callRoute(createProperty, { host: hostOf(target), path: "/api/v1/properties", method: "POST", cookie, origin: `http://${hostOf(target)}`, body: PROPERTY, params: { tenantId: target.id } });

  beforeAll(async () => {
    tenant = await seedTenant();
    other = await seedTenant();
    admin = await seedUser(null, "platform_admin");
    agent = await seedUser(tenant.id, "manager");
    otherAgent = await seedUser(other.id, "manager");
    adminToken = (await callRoute(issueAdminToken, { host: ADMIN_HOST, path: "/api/auth/token", method: "POST", body: { email: admin.email, password: admin.password } })).json!.accessToken as string;
  });

  it("starts read-only with a one-time link to the tenant's host; the session reads but every change is refused (403) and audited as the admin", async () => {
    const { impersonation, url, cookie } = await startAndRedeem(false);
    expect(url.startsWith(`http://${hostOf(tenant)}/api/auth/impersonation?token=`)).toBe(true);
    expect(impersonation).toMatchObject({ userId: agent.id, userEmail: agent.email, adminEmail: admin.email, write: false });
    expect(Date.parse(impersonation.expiresAt) - Date.parse(impersonation.createdAt)).toBe(10 * 60_000);

    expect((await get(tenant, cookie)).status).toBe(200);
    const refused = await post(tenant, cookie);
    expect(refused).toEqual({ status: 403, json: { error: "forbidden", message: READ_ONLY_IMPERSONATION_MESSAGE } });
    expect((await get(tenant, cookie)).json!.data).toEqual([]);

    const audit = await sharedDbFor(tenant.id).auditLog.findMany({ where: { tenantId: tenant.id, action: { startsWith: "impersonation." } }, orderBy: { createdAt: "asc" } });
    expect(audit.map((row) => row.action)).toEqual(["impersonation.started", "impersonation.redeemed"]);
    expect(audit[0]).toMatchObject({ actorUserId: admin.id, metadata: { userId: agent.id, write: false, reason: "Ticket 4711: listing will not save" } });
    const refusal = await sharedDbFor(tenant.id).auditLog.findFirst({ where: { tenantId: tenant.id, action: "security.impersonation_write_refused" } });
    expect(refusal).toMatchObject({ actorUserId: agent.id, metadata: { impersonatedBy: { impersonationId: impersonation.id, adminUserId: admin.id, adminEmail: admin.email }, method: "POST" } });
  });

  it("with write, changes go through and are audited with actor = the user and impersonatedBy = the admin", async () => {
    const { impersonation, cookie } = await startAndRedeem(true);
    expect((await post(tenant, cookie)).status).toBe(201);
    const action = await sharedDbFor(tenant.id).auditLog.findFirst({ where: { tenantId: tenant.id, action: "impersonation.action" } });
    expect(action).toMatchObject({ actorUserId: agent.id, metadata: { impersonatedBy: { impersonationId: impersonation.id, adminEmail: admin.email }, path: "/api/v1/properties" } });
    // Any event a service records inside the impersonated request names the admin too.
    const { tenant: ref } = (await resolveHost(hostOf(tenant))) as { tenant: SeededTenant["ref"] };
    await runWithContext({ requestId: "r", surface: "tenant", host: hostOf(tenant), tenant: ref, impersonatedBy: { impersonationId: impersonation.id, adminUserId: admin.id, adminEmail: admin.email } }, () =>
      recordAuditEvent({ tenantId: tenant.id, actorUserId: agent.id, action: "lead.note_added", metadata: { leadId: "x" } }),
    );
    expect(await sharedDbFor(tenant.id).auditLog.findFirst({ where: { action: "lead.note_added" } })).toMatchObject({ metadata: { leadId: "x", impersonatedBy: { adminEmail: admin.email } } });
  });

  it("gives nothing on another tenant's host: the link is refused there (and stays unspent), the session is refused there", async () => {
    const started = (await start(tenant.slug, { userId: agent.id, reason: "isolation check" })).json as unknown as StartedImpersonation;
    const elsewhere = await redeem(started.url, hostOf(other));
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.setCookie).toBeNull();
    expect(await sharedDbFor(other.id).auditLog.findFirst({ where: { tenantId: other.id, action: "security.impersonation_link_rejected" } })).not.toBeNull();
    const home = await redeem(started.url, hostOf(tenant));
    expect(home.status).toBe(303);
    expect((await redeem(started.url, hostOf(tenant))).status).toBe(400);

    expect((await get(other, home.cookie)).status).toBe(403);
    expect((await post(other, home.cookie)).status).toBe(403);
    // Nor can an admin start one for another tenant's user through this tenant.
    const crossed = await start(tenant.slug, { userId: otherAgent.id, reason: "wrong tenant" });
    expect(crossed.status).toBe(422);
    expect(crossed.json!.fieldErrors).toHaveProperty("userId");
  });

  it("refuses bad input (422), more than 30 minutes, tenant tokens (403), and another tenant's slug when ending (404)", async () => {
    expect((await start(tenant.slug, { userId: agent.id, minutes: 31, reason: "too long" })).status).toBe(422);
    expect((await start(tenant.slug, { userId: agent.id, minutes: 0, reason: "too short" })).status).toBe(422);
    expect((await start(tenant.slug, { userId: agent.id })).status).toBe(422);
    expect((await start(tenant.slug, { userId: "not-a-uuid", reason: "bad id" })).status).toBe(422);
    expect((await start("no-such-tenant", { userId: agent.id, reason: "missing" })).status).toBe(404);
    const agentToken = (await callRoute(issueTenantToken, { host: hostOf(tenant), path: "/api/auth/token", method: "POST", body: { email: agent.email, password: agent.password } })).json!.accessToken as string;
    expect((await start(tenant.slug, { userId: agent.id, reason: "as staff" }, agentToken)).status).toBe(403);

    const { impersonation } = (await start(tenant.slug, { userId: agent.id, reason: "to end" })).json as unknown as StartedImpersonation;
    const wrongTenant = await callRoute(endImpersonationApi, { host: ADMIN_HOST, path: `/api/admin/tenants/${other.slug}/impersonations/${impersonation.id}`, method: "DELETE", token: adminToken, params: { slug: other.slug, id: impersonation.id } });
    expect(wrongTenant.status).toBe(404);
    expect((await platformDb().impersonationSession.findUniqueOrThrow({ where: { id: impersonation.id } })).endedAt).toBeNull();
  });

  it("ends from the console (DELETE) or the banner (End now): the session is refused from the next request on, and the end is audited", async () => {
    const fromConsole = await startAndRedeem(false);
    const listed = await callRoute(listImpersonationsApi, { host: ADMIN_HOST, path: `/api/admin/tenants/${tenant.slug}/impersonations`, token: adminToken, params: { slug: tenant.slug } });
    expect((listed.json!.impersonations as Array<{ id: string }>).map((row) => row.id)).toContain(fromConsole.impersonation.id);
    const ended = await callRoute(endImpersonationApi, { host: ADMIN_HOST, path: `/api/admin/tenants/${tenant.slug}/impersonations/${fromConsole.impersonation.id}`, method: "DELETE", token: adminToken, params: { slug: tenant.slug, id: fromConsole.impersonation.id } });
    expect(ended.status).toBe(200);
    expect(ended.json!.endedAt).not.toBeNull();
    expect((await get(tenant, fromConsole.cookie)).status).toBe(401);

    const fromBanner = await startAndRedeem(false);
    const banner = await callRouteWithHeaders(endFromBanner, { host: hostOf(tenant), path: "/api/auth/impersonation/end", method: "POST", cookie: fromBanner.cookie, origin: `http://${hostOf(tenant)}` });
    expect(banner.status).toBe(200);
    expect(banner.json).toMatchObject({ consoleUrl: `http://admin.localhost:3000/tenants/${tenant.slug}/access`, impersonation: { id: fromBanner.impersonation.id } });
    expect(banner.headers.get("set-cookie")).toMatch(/Max-Age=0/);
    expect((await get(tenant, fromBanner.cookie)).status).toBe(401);
    const endings = await sharedDbFor(tenant.id).auditLog.findMany({ where: { tenantId: tenant.id, action: "impersonation.ended", actorUserId: admin.id } });
    expect(endings.map((row) => (row.metadata as { via: string }).via).sort()).toEqual(["banner", "console"]);
  });

  it("refuses the session after expires_at and records the expiry once", async () => {
    const now = Date.now();
    const expired = await seedImpersonation({ tenantId: tenant.id, userId: agent.id, adminUserId: admin.id, createdAt: new Date(now - 31 * 60_000), expiresAt: new Date(now - 60_000) });
    expect((await get(tenant, expired.cookie)).status).toBe(401);
    expect((await get(tenant, expired.cookie)).status).toBe(401);
    expect((await platformDb().impersonationSession.findUniqueOrThrow({ where: { id: expired.id } })).endedAt).not.toBeNull();
    const expiries = await sharedDbFor(tenant.id).auditLog.findMany({ where: { tenantId: tenant.id, action: "impersonation.expired" } });
    expect(expiries.filter((row) => (row.metadata as { impersonationId: string }).impersonationId === expired.id)).toHaveLength(1);
    const live = await seedImpersonation({ tenantId: tenant.id, userId: agent.id, adminUserId: admin.id, createdAt: new Date(now - 60_000), expiresAt: new Date(now + 60_000) });
    expect((await get(tenant, live.cookie)).status).toBe(200);
  });

  it("lets only an active impersonation through maintenance", async () => {
    const { cookie } = await startAndRedeem(false);
    const maintenance = (method: "PUT" | "DELETE") =>
      callRoute(method === "PUT" ? startMaintenanceApi : endMaintenanceApi, { host: ADMIN_HOST, path: `/api/admin/tenants/${tenant.slug}/maintenance`, method, body: method === "PUT" ? {} : undefined, token: adminToken, params: { slug: tenant.slug } });
    await maintenance("PUT");
    try {
      expect((await get(tenant, cookie)).status).toBe(200);
      const resolved = await resolveHost(hostOf(tenant));
      expect(await bypassesMaintenance(resolved, cookie)).toBe(true);
      const agentLogin = await seedImpersonation({ tenantId: tenant.id, userId: agent.id, adminUserId: admin.id, createdAt: new Date(Date.now() - 20 * 60_000), expiresAt: new Date(Date.now() - 1_000) });
      expect(await bypassesMaintenance(resolved, agentLogin.cookie)).toBe(false);
      expect(await bypassesMaintenance(resolved, null)).toBe(false);
      expect(await bypassesMaintenance(await resolveHost(hostOf(other)), cookie)).toBe(false);
    } finally {
      await maintenance("DELETE");
    }
  });
});
