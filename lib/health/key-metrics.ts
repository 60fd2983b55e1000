import type pg from "pg";
import { platformPool } from "@/lib/db/pools";
import type { HealthStatus } from "./health-thresholds";

/** The seed's "Key Metrics for Multi-Tenant Health" table; null critical = N/A. Units: count, %, %, %, minutes. */
export const KEY_METRIC_DEFINITIONS = [
  { key: "isolation_failures", label: "Tenant isolation failures", description: "Cross-tenant attempts audited as security events (24 h)", unit: "count", warning: 0, critical: null },
  { key: "query_performance_variance", label: "Query performance variance", description: "Spread of average response time across tenants (std. dev. / mean)", unit: "%", warning: 50, critical: 200 },
  { key: "resource_imbalance", label: "Resource utilisation imbalance", description: "Largest tenant database vs the average", unit: "%", warning: 100, critical: 300 },
  { key: "tenant_error_rate", label: "Tenant error rate", description: "API errors of the worst tenant (24 h)", unit: "%", warning: 1, critical: 5 },
  { key: "schema_migration_time", label: "Schema migration time", description: "Last `anchor migrate` run across all tenants", unit: "min", warning: 10, critical: 30 },
] as const;

export type KeyMetricKey = (typeof KEY_METRIC_DEFINITIONS)[number]["key"];
export type KeyMetricValues = Record<KeyMetricKey, number | null>;

/** Above warning → warning, above critical → critical (the table's ">" thresholds); no value → healthy (no data). */
export function gradeKeyMetric(key: KeyMetricKey, value: number | null): HealthStatus {
  const definition = KEY_METRIC_DEFINITIONS.find((entry) => entry.key === key)!;
  if (value === null) return "healthy";
  if (definition.critical !== null && value > definition.critical) return "critical";
  return value > definition.warning ? "warning" : "healthy";
}

const CROSS_TENANT_EVENTS = ["security.tenant_context_mismatch"];

/** Computes the five values as the operator (every tenant's security events), from tenant_health, the snapshot rows and job_runs. */
export async function computeKeyMetrics(client: pg.ClientBase, snapshotId: number, now = Date.now()): Promise<KeyMetricValues> {
  const since = new Date(now - 86_400_000);
  const isolation = await client.query<{ count: number }>("SELECT count(*)::int AS count FROM audit_logs WHERE action = ANY($1) AND created_at >= $2", [CROSS_TENANT_EVENTS, since]);
  const latency = await client.query<{ mean: number | null; stddev: number | null }>(
    `SELECT avg(v) AS mean, stddev_pop(v) AS stddev FROM (
       SELECT (checks->'response_time'->'details'->>'avg_response_time_ms')::float AS v FROM tenant_health
        WHERE (checks->'response_time'->'details'->>'samples')::int > 0) s`,
  );
  const errors = await client.query<{ worst: number | null }>("SELECT max((checks->'error_rate'->'details'->>'error_rate')::float) AS worst FROM tenant_health");
  const sizes = await client.query<{ max: string | null; avg: number | null }>("SELECT max(db_size_bytes) AS max, avg(db_size_bytes)::float AS avg FROM analytics_tenant_usage WHERE snapshot_id = $1", [snapshotId]);
  const migrate = await client.query<{ duration_ms: number | null }>("SELECT duration_ms FROM job_runs WHERE job = 'migrate'");
  const mean = latency.rows[0]?.mean ?? null;
  const average = sizes.rows[0]?.avg ?? null;
  const round = (value: number) => Math.round(value * 10) / 10;
  return {
    isolation_failures: isolation.rows[0]!.count,
    query_performance_variance: mean ? round(((latency.rows[0]!.stddev ?? 0) / mean) * 100) : null,
    resource_imbalance: average ? round(((Number(sizes.rows[0]!.max) - average) / average) * 100) : null,
    tenant_error_rate: errors.rows[0]?.worst === null || errors.rows[0]?.worst === undefined ? null : round(errors.rows[0].worst * 100),
    schema_migration_time: migrate.rows[0]?.duration_ms === null || migrate.rows[0]?.duration_ms === undefined ? null : round(migrate.rows[0].duration_ms / 60_000),
  };
}

export interface KeyMetricRow {
  key: KeyMetricKey;
  label: string;
  description: string;
  unit: string;
  warning: number;
  critical: number | null;
  value: number | null;
  status: HealthStatus;
  /** Oldest first: the value at each kept snapshot. */
  trend: Array<{ at: string; value: number | null }>;
}

/** The key-metrics table with the newest values and their trend over the kept snapshots (platform role: the console). */
export async function readKeyMetrics(): Promise<{ computedAt: string | null; metrics: KeyMetricRow[] }> {
  const result = await platformPool().query<{ taken_at: Date; key_metrics: KeyMetricValues }>("SELECT taken_at, key_metrics FROM analytics_snapshots WHERE key_metrics IS NOT NULL ORDER BY taken_at DESC, id DESC LIMIT 48");
  const snapshots = [...result.rows].reverse();
  const latest = snapshots.at(-1);
  return {
    computedAt: latest?.taken_at.toISOString() ?? null,
    metrics: KEY_METRIC_DEFINITIONS.map((definition) => {
      const value = latest?.key_metrics[definition.key] ?? null;
      return { ...definition, value, status: gradeKeyMetric(definition.key, value), trend: snapshots.map((snapshot) => ({ at: snapshot.taken_at.toISOString(), value: snapshot.key_metrics[definition.key] ?? null })) };
    }),
  };
}
