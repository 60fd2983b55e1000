import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ownerPool } from "@/lib/db/pools";
import { quoteIdent, tenantSchemaName } from "@/lib/db/schema-name";
import { sharedDb } from "@/lib/db/shared-client";
import type { PlanLimitDetails } from "@/lib/errors/app-error";
import { seedTenant, type SeededTenant } from "@/lib/testing/seed-tenant";
import { loadTenantProfile } from "@/lib/tenant-profile/tenant-profile";
import { parsed, runInProcess, type ErrorJson } from "./cli-test-support";
import { EXIT_ERROR, EXIT_OK, EXIT_USAGE } from "./output";

const GiB = 1024 ** 3;

interface FlagsJson {
  slug: string;
  plan: string;
  flags: { flag: string; enabled: boolean; plan: boolean; override: boolean | null; description: string }[];
}

const planOf = async (tenant: SeededTenant) => (await sharedDb().tenant.findUniqueOrThrow({ where: { id: tenant.id } })).planId;
const auditCount = (tenant: SeededTenant, action: string) => sharedDb().auditLog.count({ where: { tenantId: tenant.id, action } });
const storedFlags = async (tenant: SeededTenant) => (await sharedDb().tenantSettings.findUniqueOrThrow({ where: { tenantId: tenant.id } })).featureFlags;

async function storeDocumentBytes(tenant: SeededTenant, bytes: number): Promise<void> {
  const id = randomUUID();
  await ownerPool().query(`INSERT INTO ${quoteIdent(tenantSchemaName(tenant.id))}.documents (id, key, filename, content_type, size) VALUES ($1, $2, 'big.pdf', 'application/pdf', $3)`, [
    id,
    `tenants/${tenant.id}/documents/${id}`,
    bytes,
  ]);
}

describe("anchor plans list", () => {
  it("prints every plan's limits and features", async () => {
    const json = parsed<{ id: string; limits: Record<string, number> }[]>(await runInProcess(["plans", "list", "--json"]));
    expect(json.map((plan) => [plan.id, plan.limits.apiRequestsPerMinute])).toEqual([["standard", 100], ["professional", 500], ["enterprise", 2000]]);
    const text = await runInProcess(["plans", "list"]);
    expect(text.stdout).toMatch(/apiRequestsPerMinute\s+100\/min\s+500\/min\s+2,000\/min\*/);
    expect(text.stdout).toMatch(/advancedAnalytics\s+off\s+on\s+on/);
  });
});

describe("anchor tenants set-plan", () => {
  it("upgrades, audits, and says so in text and JSON; the same plan again changes nothing", async () => {
    const tenant = await seedTenant();
    const run = await runInProcess(["tenants", "set-plan", tenant.slug, "professional", "--json"]);
    expect(run.exitCode, run.stdout + run.stderr).toBe(EXIT_OK);
    expect(parsed(run)).toMatchObject({ slug: tenant.slug, from: "standard", to: "professional", changed: true, overQuota: [], limits: { apiRequestsPerMinute: 500 } });
    expect(await planOf(tenant)).toBe("professional");
    expect(await auditCount(tenant, "tenant.plan_changed")).toBe(1);

    const text = await runInProcess(["tenants", "set-plan", tenant.slug, "enterprise"]);
    expect(text.exitCode, text.stderr).toBe(EXIT_OK);
    expect(text.stdout).toContain(`Tenant ${tenant.slug} moved from professional to enterprise.`);
    expect(text.stdout).toMatch(/API requests per minute\s+-\s+2,000\/min/);

    const again = await runInProcess(["tenants", "set-plan", tenant.slug, "enterprise", "--json"]);
    expect(parsed(again)).toMatchObject({ changed: false });
    expect(await auditCount(tenant, "tenant.plan_changed")).toBe(2);
  });

  it("an unknown plan or tenant: exit 1, nothing changed", async () => {
    const tenant = await seedTenant();
    const run = await runInProcess(["tenants", "set-plan", tenant.slug, "platinum", "--json"]);
    expect(run.exitCode).toBe(EXIT_ERROR);
    expect(parsed<ErrorJson>(run).error).toMatchObject({ code: "validation_failed", message: 'Unknown plan "platinum" (one of standard, professional, enterprise)' });
    const starter = await runInProcess(["tenants", "set-plan", tenant.slug, "starter"]);
    expect(starter.exitCode).toBe(EXIT_ERROR);
    expect(starter.stderr).toContain('Unknown plan "starter"');
    expect(parsed<ErrorJson>(await runInProcess(["tenants", "set-plan", "no-such-tenant", "standard", "--json"])).error.code).toBe("not_found");
    expect((await runInProcess(["tenants", "set-plan", tenant.slug])).exitCode).toBe(EXIT_USAGE);
    expect(await planOf(tenant)).toBe("standard");
    expect(await auditCount(tenant, "tenant.plan_changed")).toBe(0);
  });

  it("a downgrade below current usage is refused with the numbers unless --force", async () => {
    const tenant = await seedTenant({ plan: "enterprise" });
    await storeDocumentBytes(tenant, 11 * GiB);
    const refused = await runInProcess(["tenants", "set-plan", tenant.slug, "standard", "--json"]);
    expect(refused.exitCode).toBe(EXIT_ERROR);
    const { error } = parsed<ErrorJson & { error: { details: PlanLimitDetails[] } }>(refused);
    expect(error.code).toBe("conflict");
    expect(error.details).toEqual([expect.objectContaining({ limit: "storageBytes", max: 10 * GiB, usage: 11 * GiB, plan: "Standard" })]);
    expect(error.message).toContain("uses 11 GiB, Standard allows 10 GiB");
    expect(await planOf(tenant)).toBe("enterprise");

    // Professional (100 GiB) holds it: no force needed.
    expect((await runInProcess(["tenants", "set-plan", tenant.slug, "professional"])).exitCode).toBe(EXIT_OK);
    const forced = await runInProcess(["tenants", "set-plan", tenant.slug, "standard", "--force"]);
    expect(forced.exitCode, forced.stderr).toBe(EXIT_OK);
    expect(forced.stdout).toContain("Over quota now (forced): storageBytes");
    expect(await planOf(tenant)).toBe("standard");
    expect((await loadTenantProfile(tenant.id)).limits.storageBytes).toBe(10 * GiB);
  });
});

describe("anchor tenants set-limit", () => {
  it("overrides an enterprise tenant's limit, returns it to the plan with `default`, and refuses other plans and bad values", async () => {
    const enterprise = await seedTenant({ plan: "enterprise" });
    const set = await runInProcess(["tenants", "set-limit", enterprise.slug, "apiRequestsPerMinute", "5000", "--json"]);
    expect(set.exitCode, set.stdout).toBe(EXIT_OK);
    expect(parsed(set)).toMatchObject({ limit: "apiRequestsPerMinute", value: 5000, plan: 2000, override: 5000, changed: true });
    expect(await auditCount(enterprise, "tenant.limit_overridden")).toBe(1);
    expect(parsed(await runInProcess(["tenants", "set-limit", enterprise.slug, "apiRequestsPerMinute", "default", "--json"]))).toMatchObject({ value: 2000, override: null });

    for (const args of [
      [enterprise.slug, "requests", "10"],
      [enterprise.slug, "members", "-1"],
      [enterprise.slug, "members", "1.5"],
      [enterprise.slug, "members", "lots"],
    ]) {
      const run = await runInProcess(["tenants", "set-limit", ...args, "--json"]);
      expect(run.exitCode, args.join(" ")).toBe(EXIT_ERROR);
      expect(parsed<ErrorJson>(run).error.code).toBe("validation_failed");
    }
    const standard = await seedTenant();
    const fixed = await runInProcess(["tenants", "set-limit", standard.slug, "members", "500", "--json"]);
    expect(parsed<ErrorJson>(fixed).error).toMatchObject({ code: "conflict", message: expect.stringContaining("only Enterprise limits can be overridden") });
    expect((await loadTenantProfile(standard.id)).limits.members).toBe(50);
    expect((await loadTenantProfile(enterprise.id)).overrides.limits).toEqual({});
  });
});

describe("anchor flags", () => {
  it("lists, sets and unsets a tenant's flags, audited, without touching another tenant", async () => {
    const tenant = await seedTenant();
    const other = await seedTenant();
    const listed = parsed<FlagsJson>(await runInProcess(["flags", "list", tenant.slug, "--json"]));
    expect(listed.plan).toBe("standard");
    expect(listed.flags.map(({ flag, enabled, plan, override }) => ({ flag, enabled, plan, override }))).toEqual([
      { flag: "customDomain", enabled: true, plan: true, override: null },
      { flag: "customJs", enabled: false, plan: false, override: null },
      { flag: "advancedAnalytics", enabled: false, plan: false, override: null },
    ]);

    const on = await runInProcess(["flags", "set", tenant.slug, "advancedAnalytics", "on", "--json"]);
    expect(on.exitCode, on.stdout).toBe(EXIT_OK);
    expect(parsed(on)).toMatchObject({ flag: "advancedAnalytics", enabled: true, plan: false, override: true, changed: true });
    const off = await runInProcess(["flags", "set", tenant.slug, "customDomain", "off"]);
    expect(off.stdout).toContain(`customDomain is off for ${tenant.slug}.`);
    expect(await storedFlags(tenant)).toEqual({ advancedAnalytics: true, customDomain: false });
    expect(await auditCount(tenant, "tenant.flag_set")).toBe(2);
    expect(await storedFlags(other)).toEqual({});

    const text = await runInProcess(["flags", "list", tenant.slug]);
    expect(text.stdout).toMatch(/advancedAnalytics\s+on\s+off\s+on/);

    const unset = await runInProcess(["flags", "unset", tenant.slug, "advancedAnalytics", "--json"]);
    expect(parsed(unset)).toMatchObject({ flag: "advancedAnalytics", enabled: false, override: null, changed: true });
    expect(await storedFlags(tenant)).toEqual({ customDomain: false });
    expect(await auditCount(tenant, "tenant.flag_unset")).toBe(1);
  });

  it("an unknown flag, state or tenant: exit 1, nothing changed", async () => {
    const tenant = await seedTenant();
    for (const args of [
      ["set", tenant.slug, "darkMode", "on"],
      ["set", tenant.slug, "customJs", "maybe"],
      ["unset", tenant.slug, "darkMode"],
      ["set", "no-such-tenant", "customJs", "on"],
      ["list", "no-such-tenant"],
    ]) {
      const run = await runInProcess(["flags", ...args, "--json"]);
      expect(run.exitCode, args.join(" ")).toBe(EXIT_ERROR);
      expect(["validation_failed", "not_found"]).toContain(parsed<ErrorJson>(run).error.code);
    }
    const text = await runInProcess(["flags", "set", tenant.slug, "darkMode", "on"]);
    expect(text.stderr).toContain('Unknown flag "darkMode" (one of customDomain, customJs, advancedAnalytics)');
    expect(await storedFlags(tenant)).toEqual({});
    expect(await sharedDb().auditLog.count({ where: { tenantId: tenant.id, action: { startsWith: "tenant.flag" } } })).toBe(0);
  });
});
