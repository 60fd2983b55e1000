import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ownerPool } from "@/lib/db/pools";
import { callRoute, callRouteWithHeaders } from "@/lib/testing/call-route";
import { seedTenant, type SeededTenant } from "@/lib/testing/seed-tenant";
import { seedUser, type SeededUser } from "@/lib/testing/seed-user";
import { loadTenantProfile } from "@/lib/tenant-profile/tenant-profile";
import { findTenantBySlug } from "@/lib/tenants/find-tenant";
import { readTenantSuspension, reactivateTenant, suspendTenant } from "@/lib/tenants/suspend-tenant";
import { POST as issueAdminToken } from "@/app/admin/api/auth/token/route";
import { POST as issueTenantToken } from "@/app/t/[tenantId]/api/auth/token/route";
import { POST as createTenant } from "@/app/admin/api/admin/tenants/route";
import { DELETE as deleteTenantRoute } from "@/app/admin/api/admin/tenants/[slug]/route";
import { POST as suspend } from "@/app/admin/api/admin/tenants/[slug]/suspend/route";
import { POST as reactivate } from "@/app/admin/api/admin/tenants/[slug]/reactivate/route";
import { POST as changePlan } from "@/app/admin/api/admin/tenants/[slug]/plan/route";
import { DELETE as clearFlag, PUT as setFlag } from "@/app/admin/api/admin/tenants/[slug]/flags/[flag]/route";
import { POST as backUp } from "@/app/admin/api/admin/tenants/[slug]/backups/route";
import { POST as restore } from "@/app/admin/api/admin/tenants/[slug]/restore/route";
import { GET as readOperation } from "@/app/admin/api/admin/operations/[id]/route";
import { startAdminOperationWorker, type AdminOperationWorker } from "./run-admin-operations";

const ADMIN_HOST = "admin.localhost:3000";

async function auditActions(tenantId: string | null, actorUserId: string): Promise<string[]> {
  const { rows } = await ownerPool().query<{ action: string }>(
    "SELECT action FROM audit_logs WHERE tenant_id IS NOT DISTINCT FROM $1 AND actor_user_id = $2 ORDER BY created_at, id",
    [tenantId, actorUserId],
  );
  return rows.map((row) => row.action);
}

async function queuedCount(): Promise<number> {
  const { rows } = await ownerPool().query<{ count: number }>("SELECT count(*)::int AS count FROM admin_operations");
  return rows[0]!.count;
}

describe("suspendTenant / reactivateTenant", () => {
  it("records the reason, when and who; reactivation clears it; both audited as the actor", async () => {
    const tenant = await seedTenant();
    const admin = await seedUser(null, "platform_admin");
    const suspended = await suspendTenant(tenant.slug, { reason: "Invoice 42 is 60 days overdue", actorUserId: admin.id });
    expect(suspended.status).toBe("suspended");
    expect(suspended.suspension).toMatchObject({ reason: "Invoice 42 is 60 days overdue", suspendedBy: { id: admin.id, email: admin.email } });
    expect(Date.now() - new Date(suspended.suspension.suspendedAt!).getTime()).toBeLessThan(60_000);
    expect((await reactivateTenant(tenant.slug, { actorUserId: admin.id })).status).toBe("active");
    expect(await readTenantSuspension(tenant.id)).toEqual({ reason: null, suspendedAt: null, suspendedBy: null });
    expect(await auditActions(tenant.id, admin.id)).toEqual(["tenant.suspended", "tenant.activated"]);
  });

  it("refuses a deleted tenant and an unknown slug", async () => {
    const tenant = await seedTenant();
    await ownerPool().query("UPDATE tenants SET status = 'deleted' WHERE id = $1", [tenant.id]);
    await expect(suspendTenant(tenant.slug, { reason: "abc", actorUserId: null })).rejects.toMatchObject({ code: "conflict" });
    await expect(suspendTenant("no-such-tenant", { reason: "abc", actorUserId: null })).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("the admin API's tenant actions (queued, run by the operator worker)", () => {
  let worker: AdminOperationWorker;
  let tenant: SeededTenant;
  let other: SeededTenant;
  let owner: SeededUser;
  let admin: SeededUser;
  let adminToken: string;
  let ownerToken: string;
  const call = (handler: Parameters<typeof callRoute>[0], path: string, options: { method?: string; body?: unknown; params?: Record<string, string>; token?: string; headers?: Record<string, string> } = {}) =>
    callRoute(handler, { host: ADMIN_HOST, path, method: options.method ?? "POST", body: options.body, params: options.params, token: "token" in options ? options.token : adminToken, headers: options.headers });

  beforeAll(async () => {
    worker = await startAdminOperationWorker();
    tenant = await seedTenant();
    other = await seedTenant();
    owner = await seedUser(tenant.id, "owner");
    admin = await seedUser(null, "platform_admin");
    adminToken = (await callRoute(issueAdminToken, { host: ADMIN_HOST, path: "/api/auth/token", method: "POST", body: { email: admin.email, password: admin.password } })).json!.accessToken as string;
    ownerToken = (await callRoute(issueTenantToken, { host: `${tenant.slug}.localhost:3000`, path: "/api/auth/token", method: "POST", body: { email: owner.email, password: owner.password } })).json!.accessToken as string;
  });
  afterAll(async () => {
    await worker.stop();
  });

  it("refuses a tenant owner's token (403) and no credentials (401) on every action, and queues nothing", async () => {
    const before = await queuedCount();
    const params = { slug: tenant.slug, flag: "customJs" };
    for (const [handler, path, body] of [
      [suspend, "/suspend", { reason: "abuse" }],
      [reactivate, "/reactivate", undefined],
      [changePlan, "/plan", { plan: "professional" }],
      [setFlag, "/flags/customJs", { enabled: true }],
      [backUp, "/backups", undefined],
      [restore, "/restore", { backupId: "bk-x" }],
      [deleteTenantRoute, "", { confirmSlug: tenant.slug }],
    ] as const) {
      const method = handler === setFlag ? "PUT" : handler === deleteTenantRoute ? "DELETE" : "POST";
      expect((await call(handler, `/api/admin/tenants/${tenant.slug}${path}`, { method, body, params, token: ownerToken })).status, path).toBe(403);
      expect((await call(handler, `/api/admin/tenants/${tenant.slug}${path}`, { method, body, params, token: undefined })).status, path).toBe(401);
    }
    expect((await call(createTenant, "/api/admin/tenants", { body: { name: "Nope", slug: "nope-owner", adminEmail: "a@b.test" }, token: ownerToken })).status).toBe(403);
    expect(await queuedCount()).toBe(before);
    expect((await findTenantBySlug(tenant.slug)).status).toBe("active");
  });

  it("refuses bad input with 422 / 404 and changes nothing", async () => {
    const before = await queuedCount();
    const params = { slug: tenant.slug };
    expect((await call(suspend, "/x", { params, body: { reason: "x" } })).status).toBe(422);
    expect((await call(suspend, "/x", { params, body: { reason: "y".repeat(501) } })).status).toBe(422);
    expect((await call(suspend, "/x", { params, body: {} })).status).toBe(422);
    expect((await call(suspend, "/x", { params: { slug: "no-such-tenant" }, body: { reason: "valid reason" } })).status).toBe(404);
    expect((await call(changePlan, "/x", { params, body: { plan: "platinum" } })).status).toBe(422);
    const unknownFlag = await call(setFlag, "/x", { method: "PUT", params: { slug: tenant.slug, flag: "teleport" }, body: { enabled: true } });
    expect(unknownFlag).toMatchObject({ status: 422, json: { error: "validation_failed" } });
    expect((await call(setFlag, "/x", { method: "PUT", params: { slug: tenant.slug, flag: "customJs" }, body: { enabled: "yes" } })).status).toBe(422);
    expect((await call(restore, "/x", { params, body: { at: "yesterday" } })).status).toBe(422);
    expect((await call(restore, "/x", { params, body: {} })).status).toBe(422);
    const wrongSlug = await call(deleteTenantRoute, "/x", { method: "DELETE", params, body: { confirmSlug: other.slug } });
    expect(wrongSlug).toMatchObject({ status: 422, json: { fieldErrors: { confirmSlug: [`Type "${tenant.slug}" to confirm`] } } });
    expect((await call(createTenant, "/api/admin/tenants", { body: { name: "X", slug: "Bad Slug!", adminEmail: "not-an-email" } })).status).toBe(422);
    expect((await call(readOperation, "/x", { method: "GET", params: { id: "not-a-uuid" } })).status).toBe(404);
    expect(await queuedCount()).toBe(before);
    expect(await findTenantBySlug(tenant.slug)).toMatchObject({ status: "active", plan: "standard" });
  });

  it("suspends with a reason and reactivates; each audited as the acting admin", async () => {
    const params = { slug: tenant.slug };
    const suspended = await call(suspend, `/api/admin/tenants/${tenant.slug}/suspend`, { params, body: { reason: "  Chargeback on the last invoice  " } });
    expect(suspended).toMatchObject({ status: 200, json: { operation: { kind: "tenant.suspend", status: "succeeded" }, result: { status: "suspended", suspension: { reason: "Chargeback on the last invoice" } } } });
    expect((await readTenantSuspension(tenant.id)).suspendedBy?.id).toBe(admin.id);
    expect((await call(reactivate, `/api/admin/tenants/${tenant.slug}/reactivate`, { params })).json).toMatchObject({ result: { status: "active" } });
    expect(await auditActions(tenant.id, admin.id)).toEqual(["tenant.suspended", "tenant.activated"]);
    expect(await auditActions(null, admin.id)).toEqual(expect.arrayContaining(["admin.tenant_suspended", "admin.tenant_reactivated"]));
    expect((await findTenantBySlug(other.slug)).status).toBe("active");
  });

  it("changes the plan; a downgrade below usage is refused with the numbers unless forced", async () => {
    const params = { slug: tenant.slug };
    expect((await call(changePlan, "/x", { params, body: { plan: "professional" } })).json).toMatchObject({ result: { from: "standard", to: "professional", changed: true } });
    await ownerPool().query(
      "INSERT INTO users (tenant_id, email, role, status) SELECT $1, 'agent' || n || '@example.test', 'agent', 'invited' FROM generate_series(1, 50) AS n",
      [tenant.id],
    );
    const refused = await call(changePlan, "/x", { params, body: { plan: "standard" } });
    expect(refused).toMatchObject({ status: 409, json: { error: "conflict", details: [{ limit: "members", max: 50, usage: 52 }] } });
    expect((await findTenantBySlug(tenant.slug)).plan).toBe("professional");
    const forced = await call(changePlan, "/x", { params, body: { plan: "standard", force: true } });
    expect(forced).toMatchObject({ status: 200, json: { result: { to: "standard", changed: true, overQuota: [{ limit: "members" }] } } });
    expect((await findTenantBySlug(other.slug)).plan).toBe("standard");
  });

  it("sets and clears a feature flag for that tenant only", async () => {
    const params = { slug: tenant.slug, flag: "customJs" };
    expect((await call(setFlag, "/x", { method: "PUT", params, body: { enabled: true } })).json).toMatchObject({ result: { flag: "customJs", enabled: true, override: true } });
    expect((await loadTenantProfile(tenant.id)).features.customJs).toBe(true);
    expect((await loadTenantProfile(other.id)).features.customJs).toBe(false);
    expect((await call(clearFlag, "/x", { method: "DELETE", params })).json).toMatchObject({ result: { flag: "customJs", enabled: false, override: null } });
    expect(await auditActions(null, admin.id)).toEqual(expect.arrayContaining(["admin.tenant_flag_set", "admin.tenant_flag_cleared"]));
  });

  it("creates a tenant with progress (Prefer: respond-async → 202, then poll the operation)", async () => {
    const { status, json, headers } = await callRouteWithHeaders(createTenant, {
      host: ADMIN_HOST,
      path: "/api/admin/tenants",
      method: "POST",
      token: adminToken,
      headers: { prefer: "respond-async" },
      body: { name: "Browser Made", slug: "browser-made", adminEmail: "owner@browser-made.test", plan: "professional" },
    });
    expect(status).toBe(202);
    const id = (json!.operation as { id: string }).id;
    expect(headers.get("location")).toBe(`/api/admin/operations/${id}`);
    await expect
      .poll(async () => ((await call(readOperation, "/x", { method: "GET", params: { id } })).json!.operation as { status: string }).status, { timeout: 30_000 })
      .toBe("succeeded");
    const operation = (await call(readOperation, "/x", { method: "GET", params: { id } })).json!.operation as { steps: Array<{ step: string }>; result: { slug: string } };
    expect(operation.steps.map((entry) => entry.step)).toEqual(["slug-claimed", "schema-migrated", "owner-created", "activated", "welcome-sent"]);
    expect(await findTenantBySlug("browser-made")).toMatchObject({ status: "active", plan: "professional" });
    const created = await findTenantBySlug("browser-made");
    expect(await auditActions(created.id, admin.id)).toEqual(["tenant.provisioned"]);
    const taken = await call(createTenant, "/api/admin/tenants", { body: { name: "Again", slug: "browser-made", adminEmail: "x@y.test" } });
    expect(taken).toMatchObject({ status: 409, json: { fieldErrors: { slug: ["This slug is already taken"] } } });
  });

  it("backs up now, restores that backup, and deletes only with the slug typed (after a final backup)", async () => {
    const params = { slug: other.slug };
    const backup = await call(backUp, "/x", { params });
    expect(backup).toMatchObject({ status: 200, json: { result: { kind: "manual", tenant: { slug: other.slug } } } });
    const backupId = (backup.json!.result as { id: string }).id;
    expect((await call(restore, "/x", { params: { slug: tenant.slug }, body: { backupId } })).status).toBe(409);
    expect((await call(restore, "/x", { params, body: { backupId } })).json).toMatchObject({ result: { backup: backupId, tenant: { slug: other.slug } } });
    const deleted = await call(deleteTenantRoute, "/x", { method: "DELETE", params, body: { confirmSlug: other.slug } });
    expect(deleted).toMatchObject({ status: 200, json: { result: { slug: other.slug } } });
    expect((deleted.json!.result as { finalBackup: string }).finalBackup).toMatch(/^bk-/);
    expect((await findTenantBySlug(other.slug)).status).toBe("deleted");
    expect((await findTenantBySlug(tenant.slug)).status).toBe("active");
    expect(await auditActions(null, admin.id)).toEqual(expect.arrayContaining(["admin.tenant_backed_up", "admin.tenant_restored", "admin.tenant_deleted"]));
  });
});
