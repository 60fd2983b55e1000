import { describe, expect, it } from "vitest";
import { runInProcess } from "@/lib/cli/cli-test-support";
import { appPool, inTransaction } from "@/lib/db/pools";
import { handleActivity, handleGrowth, handleResources, growthQuerySchema, analyticsQuerySchema } from "@/lib/platform-analytics/admin-analytics-handlers";
import { seedTenant } from "@/lib/testing/seed-tenant";
import { handleHealthList, handleKeyMetrics, healthQuerySchema } from "./admin-health-handlers";

// The admin API handlers as the platform role reads them (the routes add withPlatformAdmin around them).

describe("admin health and analytics handlers", () => {
  it("serve stored health, key metrics and analytics (JSON and CSV); bad queries fail to parse", async () => {
    const tenant = await seedTenant();
    expect((await runInProcess(["health", "check", "--json"])).exitCode).toBe(0);
    expect((await runInProcess(["analytics", "snapshot", "--json"])).exitCode).toBe(0);

    const health = (await (await handleHealthList(healthQuerySchema.parse({}))).json()) as { counts: Record<string, number>; tenants: Array<{ slug: string; status: string }> };
    expect(health.counts).toEqual({ healthy: 1, warning: 0, critical: 0 });
    expect(health.tenants).toMatchObject([{ slug: tenant.slug, status: "healthy" }]);
    const critical = (await (await handleHealthList(healthQuerySchema.parse({ status: "critical" }))).json()) as { tenants: unknown[] };
    expect(critical.tenants).toEqual([]);
    expect(healthQuerySchema.safeParse({ status: "sick" }).success).toBe(false);

    const metrics = (await (await handleKeyMetrics()).json()) as { metrics: Array<{ key: string }> };
    expect(metrics.metrics.map((metric) => metric.key)).toEqual(["isolation_failures", "query_performance_variance", "resource_imbalance", "tenant_error_rate", "schema_migration_time"]);

    const growth = (await (await handleGrowth(growthQuerySchema.parse({ days: "7" }))).json()) as { growth: Array<{ new_tenants: number }> };
    expect(growth.growth).toHaveLength(7);
    expect(growth.growth.at(-1)!.new_tenants).toBe(1);
    expect(growthQuerySchema.safeParse({ days: "0" }).success).toBe(false);
    expect(growthQuerySchema.safeParse({ days: "abc" }).success).toBe(false);

    const csv = await handleResources(analyticsQuerySchema.parse({ format: "csv" }));
    expect(csv.headers.get("content-type")).toContain("text/csv");
    const lines = (await csv.text()).trim().split("\n");
    expect(lines[0]).toBe("tenant_id,name,subdomain,plan,db_size_bytes,storage_size_bytes,api_calls_30d,user_count");
    expect(lines[1]).toContain(tenant.slug);
    // A tenant's own requests (app role, scoped to it) see no platform row: not its health, not the snapshots.
    for (const table of ["tenant_health", "analytics_snapshots", "analytics_tenant_usage", "job_runs"]) {
      const rows = await inTransaction(appPool(), (client) => client.query(`SELECT * FROM ${table}`), tenant.id);
      expect(rows.rowCount, table).toBe(0);
    }
    const activity = (await (await handleActivity(analyticsQuerySchema.parse({}))).json()) as { tenants: Array<{ subdomain: string }> };
    expect(activity.tenants.map((row) => row.subdomain)).toEqual([tenant.slug]);
  });
});
