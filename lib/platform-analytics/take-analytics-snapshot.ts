import { inTransaction, ownerPool } from "@/lib/db/pools";
import { tenantPrefix } from "@/lib/storage/tenant-object-key";
import { bytesByTopLevelPrefix } from "@/lib/storage/s3";
import { flushUsage } from "@/lib/usage/usage-meter";
import { usageKeys, utcDay } from "@/lib/usage/usage-keys";
import { usageStore } from "@/lib/usage/usage-store";
import { tenantSchemaBytes } from "@/lib/usage/sample-tenant-sizes";
import type pg from "pg";
import { quoteIdent, tenantSchemaName } from "@/lib/db/schema-name";
import { computeKeyMetrics } from "@/lib/health/key-metrics";

export const API_CALL_DAYS = 30;
export const ACTIVITY_DAYS = 7;
/** Redis reads per pipeline: 30 daily hashes per tenant, so ~100 tenants a round trip. */
const TENANTS_PER_BATCH = 100;
const SCHEMAS_PER_COUNT = 500;

export interface AnalyticsSnapshotSummary {
  snapshotId: number;
  takenAt: string;
  tenants: number;
  durationMs: number;
}

interface TenantRow {
  id: string;
  slug: string;
  name: string;
  plan_id: string;
  status: string;
  created_at: Date;
}

const sum = (hash: Record<string, number> | undefined) => Object.values(hash ?? {}).reduce((total, value) => total + value, 0);

async function apiCalls30d(tenantIds: string[], now: number): Promise<Map<string, number>> {
  await flushUsage();
  const store = await usageStore();
  const days = Array.from({ length: API_CALL_DAYS }, (_, index) => utcDay(now - index * 86_400_000));
  const calls = new Map<string, number>();
  for (let start = 0; start < tenantIds.length; start += TENANTS_PER_BATCH) {
    const batch = tenantIds.slice(start, start + TENANTS_PER_BATCH);
    const hashes = await store.hashes(batch.flatMap((tenantId) => days.map((day) => usageKeys.daily(tenantId, day))));
    batch.forEach((tenantId, index) => calls.set(tenantId, hashes.slice(index * days.length, (index + 1) * days.length).reduce((total, hash) => total + sum(hash), 0)));
  }
  return calls;
}

/** Property count per tenant schema, 500 schemas a statement (UNION ALL of counts), for schemas that have the table. */
async function propertyCounts(pool: pg.Pool): Promise<Map<string, number>> {
  const schemas = (
    await pool.query<{ schema: string }>("SELECT n.nspname AS schema FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname LIKE 'tenant\\_%' AND c.relname = 'properties' AND c.relkind = 'r'")
  ).rows.map((row) => row.schema);
  const counts = new Map<string, number>();
  for (let start = 0; start < schemas.length; start += SCHEMAS_PER_COUNT) {
    const batch = schemas.slice(start, start + SCHEMAS_PER_COUNT);
    const sql = batch.map((schema, index) => `SELECT $${index + 1}::text AS schema, count(*)::int AS properties FROM ${quoteIdent(schema)}.properties`).join(" UNION ALL ");
    for (const row of (await pool.query<{ schema: string; properties: number }>(sql, batch)).rows) counts.set(row.schema, row.properties);
  }
  return counts;
}

/**
 * The seed's SystemAnalyticsService for every tenant at once, into one snapshot: tenant rows, each
 * tenant schema's size (one catalog query), S3 bytes per tenant prefix (one bucket listing), API calls
 * over 30 days (lib/usage metering), users, and audit activity over 7 days. Runs as the operator.
 */
export async function takeAnalyticsSnapshot(now = Date.now()): Promise<AnalyticsSnapshotSummary> {
  const started = performance.now();
  const pool = ownerPool();
  const tenants = (await pool.query<TenantRow>("SELECT id, slug, name, plan_id, status, created_at FROM tenants WHERE status <> 'deleted' ORDER BY created_at")).rows;
  const [sizes, users, activity, storage, calls, properties] = await Promise.all([
    tenantSchemaBytes(pool),
    pool.query<{ tenant_id: string; users: number }>("SELECT tenant_id, count(*)::int AS users FROM users WHERE tenant_id IS NOT NULL GROUP BY tenant_id"),
    pool.query<{ tenant_id: string; events: number; last_activity: Date }>(
      "SELECT tenant_id, count(*)::int AS events, max(created_at) AS last_activity FROM audit_logs WHERE tenant_id IS NOT NULL AND created_at >= $1 GROUP BY tenant_id",
      [new Date(now - ACTIVITY_DAYS * 86_400_000)],
    ),
    bytesByTopLevelPrefix(),
    apiCalls30d(tenants.map((tenant) => tenant.id), now),
    propertyCounts(pool),
  ]);
  const sizeBySchema = sizes;
  const usersByTenant = new Map(users.rows.map((row) => [row.tenant_id, row.users]));
  const activityByTenant = new Map(activity.rows.map((row) => [row.tenant_id, row]));

  return inTransaction(
    pool,
    async (client) => {
      const durationMs = Math.round(performance.now() - started);
      const snapshot = await client.query<{ id: string; taken_at: Date }>("INSERT INTO analytics_snapshots (taken_at, duration_ms, tenants) VALUES ($1, $2, $3) RETURNING id, taken_at", [new Date(now), durationMs, tenants.length]);
      const snapshotId = Number(snapshot.rows[0]!.id);
      // One multi-row INSERT per 1,000 tenants, from arrays (unnest) rather than 14 parameters a row.
      for (let start = 0; start < tenants.length; start += 1_000) {
        const batch = tenants.slice(start, start + 1_000);
        await client.query(
          `INSERT INTO analytics_tenant_usage (snapshot_id, subject_tenant_id, slug, name, plan_id, status, tenant_created_at, db_size_bytes, storage_bytes, api_calls_30d, users, activity_count_7d, last_activity, properties)
           SELECT $1, * FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::timestamptz[], $8::bigint[], $9::bigint[], $10::bigint[], $11::int[], $12::int[], $13::timestamptz[], $14::int[])`,
          [
            snapshotId,
            batch.map((tenant) => tenant.id),
            batch.map((tenant) => tenant.slug),
            batch.map((tenant) => tenant.name),
            batch.map((tenant) => tenant.plan_id),
            batch.map((tenant) => tenant.status),
            batch.map((tenant) => tenant.created_at),
            batch.map((tenant) => sizeBySchema.get(tenantSchemaName(tenant.id)) ?? 0),
            batch.map((tenant) => storage.get(tenantPrefix(tenant.id)) ?? 0),
            batch.map((tenant) => calls.get(tenant.id) ?? 0),
            batch.map((tenant) => usersByTenant.get(tenant.id) ?? 0),
            batch.map((tenant) => activityByTenant.get(tenant.id)?.events ?? 0),
            batch.map((tenant) => activityByTenant.get(tenant.id)?.last_activity ?? null),
            batch.map((tenant) => properties.get(tenantSchemaName(tenant.id)) ?? 0),
          ],
        );
      }
      await client.query("UPDATE analytics_snapshots SET key_metrics = $2 WHERE id = $1", [snapshotId, JSON.stringify(await computeKeyMetrics(client, snapshotId, now))]);
      // Keep the last 48 snapshots (two days of hourly runs).
      await client.query("DELETE FROM analytics_snapshots WHERE id NOT IN (SELECT id FROM analytics_snapshots ORDER BY taken_at DESC, id DESC LIMIT 48)");
      return { snapshotId, takenAt: snapshot.rows[0]!.taken_at.toISOString(), tenants: tenants.length, durationMs };
    },
    null,
  );
}
