import { randomBytes } from "node:crypto";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { sharedDb } from "@/lib/db/shared-client";
import { loadMigrations } from "@/lib/db/migrations";
import { testDatabase } from "@/lib/testing/database-per-file";
import { FEATURE_FLAG_NAMES, parseFeatureFlagOverrides, parseLimitOverrides, PLAN_IDS, PLANS, resolveEntitlements, upgradeHint } from "./plans";

const MiB = 1024 * 1024;

describe("plans", () => {
  it("are the design document's tiers", () => {
    expect(PLAN_IDS).toEqual(["standard", "professional", "enterprise"]);
    expect(PLAN_IDS.map((id) => PLANS[id].limits.apiRequestsPerMinute)).toEqual([100, 500, 2_000]);
    expect(PLAN_IDS.map((id) => PLANS[id].limits.cacheBytes)).toEqual([100 * MiB, 500 * MiB, 2048 * MiB]);
    expect(PLAN_IDS.map((id) => PLANS[id].limits.backupRetentionDays)).toEqual([7, 30, 90]);
    expect(PLAN_IDS.map((id) => PLANS[id].features.advancedAnalytics)).toEqual([false, true, true]);
    expect(PLAN_IDS.map((id) => PLANS[id].limitsOverridable)).toEqual([false, false, true]);
    // Each tier gives at least what the one below gives.
    for (const [lower, higher] of [["standard", "professional"], ["professional", "enterprise"]] as const) {
      for (const [limit, value] of Object.entries(PLANS[lower].limits)) expect(PLANS[higher].limits[limit as keyof typeof PLANS.standard.limits], limit).toBeGreaterThanOrEqual(value);
      for (const flag of FEATURE_FLAG_NAMES) if (PLANS[lower].features[flag]) expect(PLANS[higher].features[flag]).toBe(true);
    }
  });

  it("the plans table holds exactly these ids, for tenants.plan_id to reference", async () => {
    const rows = await sharedDb().plan.findMany({ orderBy: { id: "asc" } });
    expect(rows.map((row) => ({ id: row.id, name: row.name }))).toEqual(
      [...PLAN_IDS].sort().map((id) => ({ id, name: PLANS[id].name })),
    );
  });

  it("overrides: only known flags with boolean values, only whole non-negative limits, limits only where the plan allows", () => {
    expect(parseFeatureFlagOverrides({ customJs: true, advancedAnalytics: "yes", darkMode: true })).toEqual({ customJs: true });
    expect(parseFeatureFlagOverrides(["customJs"])).toEqual({});
    expect(parseLimitOverrides({ members: 5, properties: -1, storageBytes: 1.5, nonsense: 3 })).toEqual({ members: 5 });
    expect(resolveEntitlements(PLANS.standard, { advancedAnalytics: true }, { members: 5 })).toMatchObject({ limits: { members: 50 }, features: { advancedAnalytics: true } });
    expect(resolveEntitlements(PLANS.enterprise, {}, { members: 5 }).limits.members).toBe(5);
  });

  it("say how to get more", () => {
    expect(upgradeHint(PLANS.standard, "properties")).toBe("Upgrade to the Professional plan (50,000) to raise it.");
    expect(upgradeHint(PLANS.professional, "storageBytes")).toBe("Upgrade to the Enterprise plan (1024 GiB) to raise it.");
    expect(upgradeHint(PLANS.enterprise, "members")).toBe("Contact us to raise this limit in your Enterprise contract.");
  });
});

describe("migration 0008_plans_profile", () => {
  it("moves starter tenants to standard (audited), keeps the others, and keeps only typed flags", async () => {
    const name = `anchor_mig_${randomBytes(5).toString("hex")}`;
    const admin = new pg.Client({ connectionString: testDatabase.adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(testDatabase.adminUrl);
    url.pathname = `/${name}`;
    const db = new pg.Client({ connectionString: url.toString() });
    await db.connect();
    try {
      const migrations = await loadMigrations("prisma/migrations", "shared");
      for (const migration of migrations.filter((m) => m.version < "0008")) await db.query(migration.sql);
      const { rows } = await db.query<{ id: string; slug: string }>(
        `INSERT INTO tenants (name, slug, plan_id, status) VALUES
           ('Old', 'old-starter', 'starter', 'active'), ('Std', 'old-standard', 'standard', 'active'), ('Big', 'old-enterprise', 'enterprise', 'suspended')
         RETURNING id, slug`,
      );
      const id = Object.fromEntries(rows.map((row) => [row.slug, row.id]));
      await db.query(
        `INSERT INTO tenant_settings (tenant_id, feature_flags) VALUES ($1, '{"customJs": true, "darkMode": true, "advancedAnalytics": "yes"}'), ($2, '"not an object"'), ($3, '{}')`,
        [id["old-starter"], id["old-standard"], id["old-enterprise"]],
      );

      for (const migration of migrations.filter((m) => m.version >= "0008")) await db.query(migration.sql);

      const tenants = await db.query<{ slug: string; plan_id: string }>("SELECT slug, plan_id FROM tenants ORDER BY slug");
      expect(Object.fromEntries(tenants.rows.map((row) => [row.slug, row.plan_id]))).toEqual({ "old-enterprise": "enterprise", "old-standard": "standard", "old-starter": "standard" });
      expect((await db.query("SELECT id FROM plans ORDER BY id")).rows.map((row: { id: string }) => row.id)).toEqual(["enterprise", "professional", "standard"]);
      const flags = await db.query<{ tenant_id: string; feature_flags: unknown; limit_overrides: unknown }>("SELECT tenant_id, feature_flags, limit_overrides FROM tenant_settings");
      const byTenant = Object.fromEntries(flags.rows.map((row) => [row.tenant_id, row]));
      expect(byTenant[id["old-starter"]!]).toMatchObject({ feature_flags: { customJs: true }, limit_overrides: {} });
      expect(byTenant[id["old-standard"]!]).toMatchObject({ feature_flags: {} });
      const audit = await db.query("SELECT tenant_id, action, metadata FROM audit_logs");
      expect(audit.rows).toEqual([{ tenant_id: id["old-starter"], action: "tenant.plan_changed", metadata: { from: "starter", to: "standard", by: "migration 0008_plans_profile" } }]);
      await expect(db.query("INSERT INTO tenants (name, slug, plan_id) VALUES ('X', 'x-starter', 'starter')")).rejects.toThrow(/foreign key/);
    } finally {
      await db.end();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  });
});
