import { decodeJwt } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { sharedDbFor } from "@/lib/db/shared-client";
import { callRoute } from "@/lib/testing/call-route";
import { seedTenant, type SeededTenant } from "@/lib/testing/seed-tenant";
import { seedUser, type SeededUser } from "@/lib/testing/seed-user";
import { POST as issueAdminToken } from "@/app/admin/api/auth/token/route";
import { POST as issueTenantToken } from "@/app/t/[tenantId]/api/auth/token/route";
import { GET as healthList } from "@/app/admin/api/admin/health/route";
import { GET as growth } from "@/app/admin/api/admin/analytics/growth/route";
import { GET as listProperties } from "@/app/t/[tenantId]/api/v1/properties/route";

const ADMIN_HOST = "admin.localhost:3000";

describe("withPlatformAdmin and the admin host's POST /api/auth/token", () => {
  let tenant: SeededTenant;
  let owner: SeededUser;
  let admin: SeededUser;
  let adminToken: string;
  let ownerToken: string;

  beforeAll(async () => {
    tenant = await seedTenant();
    owner = await seedUser(tenant.id, "owner");
    admin = await seedUser(null, "platform_admin");
    const issued = await callRoute(issueAdminToken, { host: ADMIN_HOST, path: "/api/auth/token", method: "POST", body: { email: admin.email, password: admin.password } });
    expect(issued.status).toBe(200);
    adminToken = issued.json!.accessToken as string;
    const tenantIssued = await callRoute(issueTenantToken, { host: `${tenant.slug}.localhost:3000`, path: "/api/auth/token", method: "POST", body: { email: owner.email, password: owner.password } });
    ownerToken = tenantIssued.json!.accessToken as string;
  });

  it("issues a platform admin a bearer token without a tenant, and refuses tenant staff there", async () => {
    expect(decodeJwt(adminToken)).toMatchObject({ sub: admin.id, tenant_id: null, role: "platform_admin" });
    const staff = await callRoute(issueAdminToken, { host: ADMIN_HOST, path: "/api/auth/token", method: "POST", body: { email: owner.email, password: owner.password }, ip: "198.51.100.40" });
    expect(staff.status).toBe(401);
    const elsewhere = await callRoute(issueAdminToken, { host: `${tenant.slug}.localhost:3000`, path: "/api/auth/token", method: "POST", body: { email: admin.email, password: admin.password } });
    expect(elsewhere.status).toBe(404);
    const missing = await callRoute(issueAdminToken, { host: ADMIN_HOST, path: "/api/auth/token", method: "POST", body: { email: admin.email } });
    expect(missing.status).toBe(422);
  });

  it("serves the admin API to the admin's token", async () => {
    const response = await callRoute(healthList, { host: ADMIN_HOST, path: "/api/admin/health", token: adminToken });
    expect(response.status).toBe(200);
  });

  it("answers 401 without credentials and 403 (audited) to a tenant owner's token", async () => {
    expect((await callRoute(healthList, { host: ADMIN_HOST, path: "/api/admin/health" })).status).toBe(401);
    const refused = await callRoute(healthList, { host: ADMIN_HOST, path: "/api/admin/health", token: ownerToken });
    expect(refused).toEqual({ status: 403, json: { error: "forbidden", message: "Platform administrators only" } });
    const audit = await sharedDbFor(tenant.id).auditLog.findFirst({ where: { action: "security.admin_api_refused", actorUserId: owner.id } });
    expect(audit?.target).toBe("/api/admin/health");
  });

  it("is not served on a tenant's host, and the admin's token is no tenant identity", async () => {
    expect((await callRoute(healthList, { host: `${tenant.slug}.localhost:3000`, path: "/api/admin/health", token: adminToken })).status).toBe(404);
    expect((await callRoute(listProperties, { host: `${tenant.slug}.localhost:3000`, path: "/api/v1/properties", token: adminToken })).status).toBe(403);
  });

  it("refuses a bad query with 422", async () => {
    const response = await callRoute(healthList, { host: ADMIN_HOST, path: "/api/admin/health?status=purple", token: adminToken });
    expect(response.status).toBe(422);
    const days = await callRoute(growth, { host: ADMIN_HOST, path: "/api/admin/analytics/growth?days=9999", token: adminToken });
    expect(days.status).toBe(422);
  });
});
