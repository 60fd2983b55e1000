import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ownerPool } from "@/lib/db/pools";
import { quoteIdent, tenantSchemaName } from "@/lib/db/schema-name";
import { sharedDb } from "@/lib/db/shared-client";
import { AppError } from "@/lib/errors/app-error";
import { PLANS } from "@/lib/plans/plans";
import { runAsTenant } from "@/lib/tenancy/context";
import { flushTenantChanges } from "@/lib/tenancy/tenant-change-bus";
import { keepCachedEntriesForThisFile } from "@/lib/testing/cross-process-invalidation";
import { spawnCli } from "@/lib/testing/spawn-cli";
import { seedTenant } from "@/lib/testing/seed-tenant";
import { setFeatureFlag } from "./set-feature-flag";
import { setLimitOverride } from "./set-limit-override";
import { setTenantPlan } from "./set-tenant-plan";
import {
  featureEnabled,
  invalidateTenantProfile,
  listenForTenantProfileChanges,
  loadTenantProfile,
  onTenantProfileInvalidated,
  requestTenantProfile,
  tenantProfile,
} from "./tenant-profile";

keepCachedEntriesForThisFile();

const GiB = 1024 ** 3;

/** Watches for this process dropping `tenantId`'s profile; `within(ms)` fails unless it happened by then (counted from the call). */
function watchInvalidationOf(tenantId: string): { within(ms: number): Promise<void> } {
  let stop = () => {};
  const arrived = new Promise<void>((resolve) => {
    stop = onTenantProfileInvalidated((dropped) => {
      if (dropped !== tenantId) return;
      stop();
      resolve();
    });
  });
  return {
    within(ms) {
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          stop();
          reject(new Error(`profile of ${tenantId} not invalidated within ${ms} ms`));
        }, ms);
      });
      return Promise.race([arrived, late]).finally(() => clearTimeout(timer));
    },
  };
}

async function storeDocumentBytes(tenantId: string, bytes: number): Promise<void> {
  const schema = quoteIdent(tenantSchemaName(tenantId));
  const id = randomUUID();
  await ownerPool().query(`INSERT INTO ${schema}.documents (id, key, filename, content_type, size) VALUES ($1, $2, 'big.pdf', 'application/pdf', $3)`, [
    id,
    `tenants/${tenantId}/documents/${id}`,
    bytes,
  ]);
}

describe("tenant profile", () => {
  it("is the plan's limits and features, with the tenant's flag overrides and (enterprise only) limit overrides", async () => {
    const standard = await seedTenant();
    const profile = await loadTenantProfile(standard.id);
    expect(profile).toMatchObject({ plan: { id: "standard", name: "Standard" }, limits: PLANS.standard.limits, features: PLANS.standard.features });
    expect(profile.limits).toMatchObject({ apiRequestsPerMinute: 100, backupRetentionDays: 7, cacheBytes: 100 * 1024 * 1024 });
    expect(featureEnabled(profile, "advancedAnalytics")).toBe(false);

    await setFeatureFlag(standard.slug, "advancedAnalytics", true);
    await setFeatureFlag(standard.slug, "customDomain", false);
    const flagged = await loadTenantProfile(standard.id);
    expect(featureEnabled(flagged, "advancedAnalytics")).toBe(true);
    expect(featureEnabled(flagged, "customDomain")).toBe(false);
    expect(flagged.overrides.flags).toEqual({ advancedAnalytics: true, customDomain: false });

    await expect(setLimitOverride(standard.slug, "apiRequestsPerMinute", 5_000)).rejects.toMatchObject({ code: "conflict" });
    expect((await loadTenantProfile(standard.id)).limits.apiRequestsPerMinute).toBe(100);

    const enterprise = await seedTenant({ plan: "enterprise" });
    await setLimitOverride(enterprise.slug, "apiRequestsPerMinute", 5_000);
    const contract = await loadTenantProfile(enterprise.id);
    expect(contract.limits).toEqual({ ...PLANS.enterprise.limits, apiRequestsPerMinute: 5_000 });
    expect(featureEnabled(contract, "customJs")).toBe(true);

    // Leaving enterprise leaves the override stored but without effect.
    await setTenantPlan(enterprise.slug, "professional");
    expect((await loadTenantProfile(enterprise.id)).limits.apiRequestsPerMinute).toBe(500);
  });

  it("stored junk in feature_flags is never trusted, and the database refuses a non-object", async () => {
    const tenant = await seedTenant();
    await ownerPool().query(`UPDATE public.tenant_settings SET feature_flags = '{"customJs": "yes", "madeUp": true, "advancedAnalytics": true}' WHERE tenant_id = $1`, [tenant.id]);
    const profile = await loadTenantProfile(tenant.id);
    expect(profile.overrides.flags).toEqual({ advancedAnalytics: true });
    expect(profile.features.customJs).toBe(false);
    await expect(ownerPool().query(`UPDATE public.tenant_settings SET feature_flags = '[]' WHERE tenant_id = $1`, [tenant.id])).rejects.toThrow(/feature_flags_object/);
  });

  it("is cached per process and dropped per tenant", async () => {
    // Subscribing drops everything cached before it (messages may have been missed), so subscribe first.
    await listenForTenantProfileChanges();
    const a = await seedTenant();
    const b = await seedTenant();
    expect(await flushTenantChanges()).toBe(true);
    const first = await tenantProfile(a.id);
    const otherFirst = await tenantProfile(b.id);
    expect(await tenantProfile(a.id)).toBe(first);
    invalidateTenantProfile(a.id);
    expect(await tenantProfile(a.id)).not.toBe(first);
    expect(await tenantProfile(b.id)).toBe(otherFirst);
    await expect(tenantProfile(randomUUID())).rejects.toBeInstanceOf(AppError);
  });

  it("is resolved once per request: the same object for the whole request, a fresh one for the next", async () => {
    const tenant = await seedTenant();
    const first = await runAsTenant(tenant.ref, "request-1", async () => {
      const profile = await requestTenantProfile();
      invalidateTenantProfile(tenant.id);
      expect(await requestTenantProfile()).toBe(profile);
      return profile;
    });
    const second = await runAsTenant(tenant.ref, "request-2", () => requestTenantProfile());
    expect(second).not.toBe(first);
    expect(second).toEqual(first);
    expect(() => requestTenantProfile()).toThrow(/No tenant/);
  });

  it("a change made by the CLI in another process reaches this process within 2 s, for that tenant only", async () => {
    await listenForTenantProfileChanges();
    const a = await seedTenant();
    const b = await seedTenant();
    // Provisioning announced both tenants; let those messages arrive before anything is cached.
    expect(await flushTenantChanges()).toBe(true);
    expect((await tenantProfile(a.id)).plan.id).toBe("standard");
    const cachedB = await tenantProfile(b.id);

    // Within 2 s of the CLI process finishing (its start-up alone takes longer than that).
    const upgraded = watchInvalidationOf(a.id);
    const run = await spawnCli(["tenants", "set-plan", a.slug, "professional", "--json"]);
    expect(run.exitCode, run.stderr + run.stdout).toBe(0);
    await upgraded.within(2_000);
    expect((await tenantProfile(a.id)).plan.id).toBe("professional");
    expect((await tenantProfile(a.id)).limits.apiRequestsPerMinute).toBe(500);
    expect(await tenantProfile(b.id)).toBe(cachedB);

    const flagged = watchInvalidationOf(a.id);
    const flagRun = await spawnCli(["flags", "set", a.slug, "customJs", "on", "--json"]);
    expect(flagRun.exitCode, flagRun.stderr + flagRun.stdout).toBe(0);
    await flagged.within(2_000);
    expect(featureEnabled(await tenantProfile(a.id), "customJs")).toBe(true);
    expect(featureEnabled(await tenantProfile(b.id), "customJs")).toBe(false);
    expect(await tenantProfile(b.id)).toBe(cachedB);
  });
});

describe("setTenantPlan", () => {
  it("refuses a downgrade below current usage with the numbers, changes nothing, and --force moves it anyway", async () => {
    const tenant = await seedTenant({ plan: "professional" });
    await storeDocumentBytes(tenant.id, 11 * GiB);

    const refused = await setTenantPlan(tenant.slug, "standard").catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({ code: "conflict", details: [{ limit: "storageBytes", max: 10 * GiB, usage: 11 * GiB, plan: "Standard" }] });
    expect((refused as AppError).message).toMatch(/document storage: uses 11 GiB, Standard allows 10 GiB/);
    expect((await sharedDb().tenant.findUniqueOrThrow({ where: { id: tenant.id } })).planId).toBe("professional");
    expect(await sharedDb().auditLog.count({ where: { tenantId: tenant.id, action: "tenant.plan_changed" } })).toBe(0);

    const forced = await setTenantPlan(tenant.slug, "standard", { force: true });
    expect(forced).toMatchObject({ changed: true, from: "professional", to: "standard", overQuota: [{ limit: "storageBytes" }] });
    expect((await loadTenantProfile(tenant.id)).plan.id).toBe("standard");
    const audit = await sharedDb().auditLog.findFirstOrThrow({ where: { tenantId: tenant.id, action: "tenant.plan_changed" } });
    expect(audit.metadata).toMatchObject({ from: "professional", to: "standard", forced: true });
  });
});
