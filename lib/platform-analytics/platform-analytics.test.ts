import { describe, expect, it } from "vitest";
import { parsed, runInProcess, type ErrorJson } from "@/lib/cli/cli-test-support";
import { ownerPool } from "@/lib/db/pools";
import { tenantSchemaName } from "@/lib/db/schema-name";
import { putObject } from "@/lib/storage/s3";
import { tenantObjectKey } from "@/lib/storage/tenant-object-key";
import { seedProperty, seedTenant } from "@/lib/testing/seed-tenant";
import { seedUser } from "@/lib/testing/seed-user";
import { recordApiCall } from "@/lib/usage/usage-meter";
import { readResourceUsage, readTenantActivity, readTenantGrowth, rowsToCsv } from "./read-analytics";
import type { AnalyticsSnapshotSummary } from "./take-analytics-snapshot";

// The seed's three analytics from one snapshot, checked against what this file seeded on real PostgreSQL, s3rver and Redis.

const day = (offsetDays: number) => new Date(Date.now() - offsetDays * 86_400_000).toISOString().slice(0, 10);

describe("analytics snapshot", () => {
  it("refuses to read before the first snapshot", async () => {
    await expect(readResourceUsage()).rejects.toMatchObject({ code: "not_found" });
  });

  it("computes growth per day, activity per tenant and resource usage sorted by DB size", async () => {
    const big = await seedTenant();
    const small = await seedTenant();
    const old = await seedTenant();
    await ownerPool().query("UPDATE tenants SET created_at = now() - interval '3 days' WHERE id = $1", [old.id]);
    for (let index = 0; index < 40; index += 1) await seedProperty(big.ref, { name: `House ${index}`, description: `${index} ${"lorem ipsum ".repeat(300)}` });
    await seedUser(big.id, "agent");
    await seedUser(big.id, "viewer");
    await seedUser(small.id, "agent");
    await putObject(tenantObjectKey(small.id, "docs", "a.txt"), "y".repeat(5_000), "text/plain", { tenant_id: small.id });
    await putObject(tenantObjectKey(small.id, "docs", "b.txt"), "z".repeat(1_000), "text/plain", { tenant_id: small.id });
    for (let call = 0; call < 7; call += 1) recordApiCall({ tenantId: small.id, endpoint: "GET /api/v1/properties", status: 200, durationMs: 10 });
    recordApiCall({ tenantId: big.id, endpoint: "GET /api/v1/properties", status: 200, durationMs: 10, at: Date.now() - 10 * 86_400_000 });
    recordApiCall({ tenantId: big.id, endpoint: "GET /api/v1/properties", status: 200, durationMs: 10, at: Date.now() - 40 * 86_400_000 });
    await ownerPool().query("INSERT INTO audit_logs (tenant_id, action, target) VALUES ($1, 'property.created', 'x'), ($1, 'property.updated', 'x'), ($2, 'property.created', 'y')", [small.id, big.id]);

    const run = await runInProcess(["analytics", "snapshot", "--json"]);
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    const summary = parsed<AnalyticsSnapshotSummary>(run);
    expect(summary.tenants).toBe(3);

    const resources = await readResourceUsage();
    expect(resources.snapshotId).toBe(summary.snapshotId);
    expect(resources.tenants[0]!.subdomain).toBe(big.slug);
    const bySlug = Object.fromEntries(resources.tenants.map((row) => [row.subdomain, row]));
    expect(bySlug[big.slug]!.db_size_bytes).toBeGreaterThan(bySlug[small.slug]!.db_size_bytes);
    const [sizeRow] = (await ownerPool().query<{ bytes: string }>("SELECT sum(pg_total_relation_size(c.oid))::bigint AS bytes FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind IN ('r', 'm')", [tenantSchemaName(big.id)])).rows;
    expect(bySlug[big.slug]!.db_size_bytes).toBe(Number(sizeRow!.bytes));
    // Provisioning gives every tenant its owner; the old tenant got nothing else.
    const base = bySlug[old.slug]!.user_count;
    expect(base).toBe(Number((await ownerPool().query("SELECT count(*) FROM users WHERE tenant_id = $1", [old.id])).rows[0].count));
    expect(bySlug[small.slug]).toMatchObject({ storage_size_bytes: 6_000, api_calls_30d: 7, user_count: base + 1 });
    // The call 40 days ago is outside the 30 days; the one 10 days ago is inside.
    expect(bySlug[big.slug]).toMatchObject({ storage_size_bytes: 0, api_calls_30d: 1, user_count: base + 2 });

    const activity = await readTenantActivity();
    const activityBySlug = Object.fromEntries(activity.tenants.map((row) => [row.subdomain, row]));
    expect(activityBySlug[small.slug]!.activity_count).toBeGreaterThanOrEqual(2);
    expect(activityBySlug[small.slug]!.activity_count - activityBySlug[old.slug]!.activity_count).toBeGreaterThanOrEqual(2);

    const growth = await readTenantGrowth(7);
    expect(growth.growth).toHaveLength(7);
    expect(growth.growth.at(-1)).toEqual({ date: day(0), new_tenants: 2 });
    expect(growth.growth.find((entry) => entry.date === day(3))).toEqual({ date: day(3), new_tenants: 1 });
    expect(growth.growth.reduce((total, entry) => total + entry.new_tenants, 0)).toBe(3);

    const csv = rowsToCsv(resources.tenants, ["subdomain", "db_size_bytes", "storage_size_bytes", "api_calls_30d", "user_count"]);
    expect(csv.split("\n")[0]).toBe("subdomain,db_size_bytes,storage_size_bytes,api_calls_30d,user_count");
    expect(csv).toContain(`${small.slug},${bySlug[small.slug]!.db_size_bytes},6000,7,${base + 1}`);
  });

  it("rejects a bad days value at the CLI-free boundary parser", async () => {
    const { growthDaysSchema } = await import("./read-analytics");
    expect(growthDaysSchema.safeParse("0").success).toBe(false);
    expect(growthDaysSchema.safeParse("366").success).toBe(false);
    expect(growthDaysSchema.parse("30")).toBe(30);
    const run = await runInProcess(["analytics", "nope", "--json"]);
    expect(parsed<ErrorJson>(run).error.code).toBe("usage");
  });
});
