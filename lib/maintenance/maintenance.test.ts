import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { GET as readMaintenanceRoute, PUT as startMaintenanceRoute, DELETE as endMaintenanceRoute } from "@/app/admin/api/admin/tenants/[slug]/maintenance/route";
import { POST as issueAdminToken } from "@/app/admin/api/auth/token/route";
import { POST as issueTenantToken } from "@/app/t/[tenantId]/api/auth/token/route";
import { GET as listProperties } from "@/app/t/[tenantId]/api/v1/properties/route";
import { runInProcess, parsed, type ErrorJson } from "@/lib/cli/cli-test-support";
import { sharedDbFor } from "@/lib/db/shared-client";
import { routeRequest } from "@/lib/tenancy/proxy-routing";
import { resolveHost } from "@/lib/tenancy/resolve-host";
import { callRoute, callRouteWithHeaders } from "@/lib/testing/call-route";
import { seedTenant, type SeededTenant } from "@/lib/testing/seed-tenant";
import { seedUser, type SeededUser } from "@/lib/testing/seed-user";
import { DEFAULT_MAINTENANCE_RETRY_AFTER_SECONDS, maintenanceRetryAfterSeconds } from "./maintenance-answer";
import type { MaintenanceState } from "./set-maintenance";

const ADMIN_HOST = "admin.localhost:3000";
const hostOf = (tenant: SeededTenant) => `${tenant.slug}.localhost:3000`;

describe("maintenance mode", () => {
  let tenant: SeededTenant;
  let other: SeededTenant;
  let adminToken: string;
  let ownerToken: string;
  let otherOwnerToken: string;
  let owner: SeededUser;

  const tokenFor = async (target: SeededTenant, user: SeededUser) =>
    (await callRoute(issueTenantToken, { host: hostOf(target), path: "/api/auth/token", method: "POST", body: { email: user.email, password: user.password } })).json!.accessToken as string;
  const maintenance = (method: "PUT" | "DELETE" | "GET", slug: string, body?: unknown, token = adminToken) =>
    callRoute(method === "PUT" ? startMaintenanceRoute : method === "DELETE" ? endMaintenanceRoute : readMaintenanceRoute, { host: ADMIN_HOST, path: `/api/admin/tenants/${slug}/maintenance`, method, body, token, params: { slug } });
  const properties = (target: SeededTenant, token: string) => callRouteWithHeaders(listProperties, { host: hostOf(target), path: "/api/v1/properties", token, params: { tenantId: target.id } });

  beforeAll(async () => {
    tenant = await seedTenant();
    other = await seedTenant();
    owner = await seedUser(tenant.id, "owner");
    const admin = await seedUser(null, "platform_admin");
    adminToken = (await callRoute(issueAdminToken, { host: ADMIN_HOST, path: "/api/auth/token", method: "POST", body: { email: admin.email, password: admin.password } })).json!.accessToken as string;
    ownerToken = await tokenFor(tenant, owner);
    otherOwnerToken = await tokenFor(other, await seedUser(other.id, "owner"));
  });

  afterEach(async () => {
    await maintenance("DELETE", tenant.slug);
  });

  it("answers the tenant's API with 503, Retry-After counting down to the announced end, and the message; other tenants are unaffected", async () => {
    const until = new Date(Date.now() + 20 * 60_000).toISOString();
    const started = await maintenance("PUT", tenant.slug, { message: "Upgrading the database", until });
    expect(started.status).toBe(200);
    expect(started.json).toMatchObject({ active: true, message: "Upgrading the database", until, slug: tenant.slug });

    const refused = await properties(tenant, ownerToken);
    expect(refused.status).toBe(503);
    expect(refused.json).toEqual({ error: "maintenance", message: "Upgrading the database" });
    const retryAfter = Number(refused.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(19 * 60);
    expect(retryAfter).toBeLessThanOrEqual(20 * 60);
    // Before identity: an anonymous caller learns the same, not a 401.
    expect((await callRoute(listProperties, { host: hostOf(tenant), path: "/api/v1/properties", params: { tenantId: tenant.id } })).status).toBe(503);
    expect((await callRoute(issueTenantToken, { host: hostOf(tenant), path: "/api/auth/token", method: "POST", body: { email: owner.email, password: owner.password } })).status).toBe(503);

    expect((await properties(other, otherOwnerToken)).status).toBe(200);
    const audit = await sharedDbFor(tenant.id).auditLog.findFirst({ where: { tenantId: tenant.id, action: "tenant.maintenance_started" } });
    expect(audit?.metadata).toMatchObject({ message: "Upgrading the database", until });
  });

  it("uses the default Retry-After without an announced end, and ends on DELETE", async () => {
    expect((await maintenance("PUT", tenant.slug, {})).status).toBe(200);
    const refused = await properties(tenant, ownerToken);
    expect(refused.status).toBe(503);
    expect(refused.headers.get("retry-after")).toBe(String(DEFAULT_MAINTENANCE_RETRY_AFTER_SECONDS));
    expect(refused.json!.message).toBe(`${tenant.name} is down for maintenance`);

    const ended = await maintenance("DELETE", tenant.slug);
    expect(ended.json).toMatchObject({ active: false, message: null, until: null });
    expect((await properties(tenant, ownerToken)).status).toBe(200);
  });

  it("refuses bad input with 422 and changes nothing; unknown tenants are 404; a tenant owner's token is 403", async () => {
    const past = await maintenance("PUT", tenant.slug, { until: new Date(Date.now() - 60_000).toISOString() });
    expect(past.status).toBe(422);
    expect(past.json!.fieldErrors).toHaveProperty("until");
    expect((await maintenance("PUT", tenant.slug, { until: "tomorrow" })).status).toBe(422);
    expect((await maintenance("PUT", tenant.slug, { message: "x".repeat(501) })).status).toBe(422);
    expect((await maintenance("PUT", tenant.slug, { extra: true })).status).toBe(422);
    expect((await maintenance("GET", tenant.slug)).json).toMatchObject({ active: false });
    expect((await maintenance("PUT", "no-such-tenant", {})).status).toBe(404);
    expect((await maintenance("PUT", tenant.slug, {}, ownerToken)).status).toBe(403);
    expect((await maintenance("GET", tenant.slug)).json).toMatchObject({ active: false });
  });

  it("routes the tenant's pages to the maintenance page (503) while its API and asset paths pass through to answer themselves", async () => {
    await maintenance("PUT", tenant.slug, { message: "Back soon" });
    const resolved = await resolveHost(hostOf(tenant));
    expect(resolved).toMatchObject({ surface: "tenant", tenant: { maintenance: { message: "Back soon", until: null } } });
    const route = (pathname: string, maintenanceBypass = false) =>
      routeRequest({ resolved, host: hostOf(tenant), pathname, incomingHeaders: new Headers(), requestId: "r", rootDomain: "localhost:3000", maintenanceBypass });
    expect(route("/dashboard")).toMatchObject({ rewritePath: "/maintenance", status: 503 });
    expect(route("/")).toMatchObject({ rewritePath: "/maintenance", status: 503 });
    expect(route("/api/v1/properties").rewritePath).toBe(`/t/${tenant.id}/api/v1/properties`);
    expect(route("/assets/logo.png").rewritePath).toBe(`/t/${tenant.id}/assets/logo.png`);
    expect(route("/dashboard", true).rewritePath).toBe(`/t/${tenant.id}/dashboard`);
    expect(await resolveHost(hostOf(other))).toMatchObject({ surface: "tenant", tenant: { maintenance: null } });
  });

  it("anchor tenants maintenance <slug> on|off --json", async () => {
    const until = new Date(Date.now() + 3_600_000).toISOString();
    const on = await runInProcess(["tenants", "maintenance", tenant.slug, "on", "--message", "CLI window", "--until", until, "--json"]);
    expect(on.exitCode).toBe(0);
    expect(parsed<MaintenanceState>(on)).toMatchObject({ active: true, message: "CLI window", until, slug: tenant.slug });
    expect((await properties(tenant, ownerToken)).status).toBe(503);
    const bad = await runInProcess(["tenants", "maintenance", tenant.slug, "on", "--until", "soon", "--json"]);
    expect(bad.exitCode).toBe(1);
    expect(parsed<ErrorJson>(bad).error.code).toBe("validation_failed");
    expect((await runInProcess(["tenants", "maintenance", tenant.slug, "sideways"])).exitCode).toBe(2);
    const off = await runInProcess(["tenants", "maintenance", tenant.slug, "off", "--json"]);
    expect(parsed<MaintenanceState>(off)).toMatchObject({ active: false });
    expect((await properties(tenant, ownerToken)).status).toBe(200);
  });

  it("counts Retry-After down to the announced end, never below 1 s", () => {
    const now = Date.parse("2026-12-02T12:00:00Z");
    expect(maintenanceRetryAfterSeconds({ message: null, until: "2026-12-02T12:10:00Z" }, now)).toBe(600);
    expect(maintenanceRetryAfterSeconds({ message: null, until: "2026-12-02T12:00:00.200Z" }, now)).toBe(1);
    expect(maintenanceRetryAfterSeconds({ message: null, until: "2026-12-02T11:00:00Z" }, now)).toBe(DEFAULT_MAINTENANCE_RETRY_AFTER_SECONDS);
    expect(maintenanceRetryAfterSeconds({ message: null, until: null }, now)).toBe(DEFAULT_MAINTENANCE_RETRY_AFTER_SECONDS);
  });
});
