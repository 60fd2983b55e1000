import { beforeAll, describe, expect, it } from "vitest";
import { GET as plansApi } from "@/app/admin/api/admin/plans/route";
import { POST as issueAdminToken } from "@/app/admin/api/auth/token/route";
import { POST as issueTenantToken } from "@/app/t/[tenantId]/api/auth/token/route";
import { encodeSessionToken, sessionCookieName } from "@/lib/auth/session-cookie";
import { migrateAll } from "@/lib/db/migrator";
import { ownerPool } from "@/lib/db/pools";
import { PLAN_IDS, PLANS } from "@/lib/plans/plans";
import { setFeatureFlag } from "@/lib/tenant-profile/set-feature-flag";
import { setLimitOverride } from "@/lib/tenant-profile/set-limit-override";
import { callRoute } from "@/lib/testing/call-route";
import { seedTenant, type SeededTenant } from "@/lib/testing/seed-tenant";
import { seedUser, type SeededUser } from "@/lib/testing/seed-user";

const ADMIN_HOST = "admin.localhost:3000";

let acme: SeededTenant;
let globex: SeededTenant;
let umbrella: SeededTenant;
let owner: SeededUser;
let adminToken: string;
let ownerToken: string;
let ownerCookie: string;

const call = (handler: typeof plansApi, path: string, auth: { token?: string; cookie?: string } = { token: adminToken }) => callRoute(handler, { host: ADMIN_HOST, path, ...auth });

beforeAll(async () => {
  await migrateAll();
  acme = await seedTenant({ name: "Acme Plans" });
  globex = await seedTenant({ name: "Globex Plans", plan: "professional" });
  umbrella = await seedTenant({ name: "Umbrella Plans", plan: "enterprise" });
  const admin = await seedUser(null, "platform_admin");
  owner = await seedUser(acme.id, "owner");
  adminToken = (await callRoute(issueAdminToken, { host: ADMIN_HOST, path: "/api/auth/token", method: "POST", body: { email: admin.email, password: admin.password } })).json!.accessToken as string;
  ownerToken = (await callRoute(issueTenantToken, { host: `${acme.slug}.localhost:3000`, path: "/api/auth/token", method: "POST", body: { email: owner.email, password: owner.password } })).json!.accessToken as string;
  ownerCookie = `${sessionCookieName()}=${await encodeSessionToken({ uid: owner.id, tid: acme.id, role: "owner", sv: 0, email: owner.email })}`;
  await setFeatureFlag(globex.slug, "advancedAnalytics", false);
  await setLimitOverride(umbrella.slug, "properties", 300_000);
});

describe("GET /api/admin/plans", () => {
  it("gives the typed plans, tenants per plan (as counted in the database) and the tenants that override theirs", async () => {
    const answer = await call(plansApi, "/api/admin/plans");
    expect(answer.status).toBe(200);
    const plans = answer.json!.plans as Array<{ id: string; limits: unknown; features: unknown; tenants: number }>;
    expect(plans.map((plan) => plan.id)).toEqual([...PLAN_IDS]);
    const { rows } = await ownerPool().query<{ plan_id: string; count: number }>("SELECT plan_id, count(*)::int AS count FROM tenants WHERE status <> 'deleted' GROUP BY plan_id");
    for (const plan of plans) {
      expect(plan.limits).toEqual(PLANS[plan.id as keyof typeof PLANS].limits);
      expect(plan.features).toEqual(PLANS[plan.id as keyof typeof PLANS].features);
      expect(plan.tenants, plan.id).toBe(rows.find((row) => row.plan_id === plan.id)?.count ?? 0);
    }
    expect(plans.find((plan) => plan.id === "enterprise")!.tenants).toBeGreaterThanOrEqual(1);
    const overrides = answer.json!.overrides as Array<{ tenant: { slug: string }; flags: object; limits: object; limitsApply: boolean }>;
    expect(overrides.find((entry) => entry.tenant.slug === globex.slug)).toMatchObject({ flags: { advancedAnalytics: false }, limits: {}, limitsApply: false });
    expect(overrides.find((entry) => entry.tenant.slug === umbrella.slug)).toMatchObject({ flags: {}, limits: { properties: 300_000 }, limitsApply: true });
    expect(overrides.some((entry) => entry.tenant.slug === acme.slug)).toBe(false);
  });

  it("a tenant owner's token or cookie, or no credentials, never reach it", async () => {
    expect((await call(plansApi, "/api/admin/plans", { token: ownerToken })).status).toBe(403);
    expect([401, 403]).toContain((await call(plansApi, "/api/admin/plans", { cookie: ownerCookie })).status);
    expect((await call(plansApi, "/api/admin/plans", {})).status).toBe(401);
  });
});
