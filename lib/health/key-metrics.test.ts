import { describe, expect, it } from "vitest";
import { runInProcess } from "@/lib/cli/cli-test-support";
import { ownerPool } from "@/lib/db/pools";
import { seedProperty, seedTenant } from "@/lib/testing/seed-tenant";
import { recordApiCall } from "@/lib/usage/usage-meter";
import { gradeKeyMetric, readKeyMetrics } from "./key-metrics";

// The seed's key-metrics table from real data: security events, health checks, snapshot sizes, the last migrate run.

const run = async (...args: string[]) => {
  const result = await runInProcess([...args, "--json"]);
  expect(result.exitCode, result.stdout + result.stderr).toBe(0);
};

describe("key metrics", () => {
  it("grades with the table's thresholds", () => {
    expect(gradeKeyMetric("isolation_failures", 0)).toBe("healthy");
    expect(gradeKeyMetric("isolation_failures", 1)).toBe("warning");
    expect(gradeKeyMetric("isolation_failures", 1_000)).toBe("warning");
    expect(gradeKeyMetric("query_performance_variance", 50)).toBe("healthy");
    expect(gradeKeyMetric("query_performance_variance", 51)).toBe("warning");
    expect(gradeKeyMetric("query_performance_variance", 201)).toBe("critical");
    expect(gradeKeyMetric("resource_imbalance", 301)).toBe("critical");
    expect(gradeKeyMetric("tenant_error_rate", 1.5)).toBe("warning");
    expect(gradeKeyMetric("schema_migration_time", 31)).toBe("critical");
    expect(gradeKeyMetric("schema_migration_time", null)).toBe("healthy");
  });

  it("computes each metric with the snapshot and keeps a trend", async () => {
    const quiet = await seedTenant();
    const busy = await seedTenant();
    for (let index = 0; index < 30; index += 1) await seedProperty(busy.ref, { name: `House ${index}`, description: "lorem ipsum ".repeat(200) });
    for (let call = 0; call < 50; call += 1) {
      recordApiCall({ tenantId: quiet.id, endpoint: "GET /api/v1/properties", status: 200, durationMs: 10 });
      recordApiCall({ tenantId: busy.id, endpoint: "GET /api/v1/properties", status: call < 2 ? 500 : 200, durationMs: 90 });
    }
    await run("migrate");
    await run("health", "check");
    await run("analytics", "snapshot");
    let metrics = await readKeyMetrics();
    const value = (key: string) => metrics.metrics.find((metric) => metric.key === key)!;
    expect(value("isolation_failures")).toMatchObject({ value: 0, status: "healthy" });
    // Two tenants at 10 ms and 90 ms: mean 50, population std. dev. 40 → 80 %.
    expect(value("query_performance_variance")).toMatchObject({ value: 80, status: "warning" });
    expect(value("tenant_error_rate")).toMatchObject({ value: 4, status: "warning" });
    expect(value("resource_imbalance").value).toBeGreaterThan(0);
    expect(value("schema_migration_time").value).not.toBeNull();
    expect(value("schema_migration_time").status).toBe("healthy");

    await ownerPool().query("INSERT INTO audit_logs (tenant_id, action, target) VALUES ($1, 'security.tenant_context_mismatch', 'other-tenant')", [quiet.id]);
    await run("analytics", "snapshot");
    metrics = await readKeyMetrics();
    expect(value("isolation_failures")).toMatchObject({ value: 1, status: "warning" });
    expect(value("isolation_failures").trend.map((point) => point.value)).toEqual([0, 1]);
  });
});
