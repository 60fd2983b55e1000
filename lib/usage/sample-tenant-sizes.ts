import type pg from "pg";
import { ownerPool } from "@/lib/db/pools";
import { tenantSchemaName } from "@/lib/db/schema-name";
import { bytesByTopLevelPrefix } from "@/lib/storage/s3";
import { tenantPrefix } from "@/lib/storage/tenant-object-key";
import { DAILY_RETENTION_SECONDS, usageKeys, utcDay } from "./usage-keys";
import { usageStore } from "./usage-store";

const TENANTS_PER_PIPELINE = 500;

/** Bytes of every tenant schema's tables and materialized views (indexes and TOAST included), in one catalog query. */
export async function tenantSchemaBytes(pool: pg.Pool): Promise<Map<string, number>> {
  const { rows } = await pool.query<{ schema: string; bytes: string }>(
    `SELECT n.nspname AS schema, sum(pg_total_relation_size(c.oid))::bigint AS bytes
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname LIKE 'tenant\\_%' AND c.relkind IN ('r', 'm')
      GROUP BY n.nspname`,
  );
  return new Map(rows.map((row) => [row.schema, Number(row.bytes)]));
}

export interface TenantSizesSample {
  day: string;
  tenants: number;
}

/**
 * The `usage-sizes` job: each tenant's schema size and S3 bytes (one bucket listing) into the usage
 * store as today's `usage:<tenantId>:sizes:<day>` (kept 400 days; a second run the same day replaces it),
 * read by readUsageReport. Runs as the operator.
 */
export async function sampleTenantSizes(now = Date.now()): Promise<TenantSizesSample> {
  const pool = ownerPool();
  const day = utcDay(now);
  const tenants = (await pool.query<{ id: string }>("SELECT id FROM tenants WHERE status <> 'deleted' ORDER BY created_at")).rows;
  const [schemaBytes, storageBytes] = await Promise.all([tenantSchemaBytes(pool), bytesByTopLevelPrefix()]);
  const store = await usageStore();
  for (let start = 0; start < tenants.length; start += TENANTS_PER_PIPELINE) {
    await store.setHashes(
      tenants.slice(start, start + TENANTS_PER_PIPELINE).map((tenant) => ({
        key: usageKeys.sizes(tenant.id, day),
        fields: { dbBytes: schemaBytes.get(tenantSchemaName(tenant.id)) ?? 0, storageBytes: storageBytes.get(tenantPrefix(tenant.id)) ?? 0 },
        ttlSeconds: DAILY_RETENTION_SECONDS,
      })),
    );
  }
  return { day, tenants: tenants.length };
}
