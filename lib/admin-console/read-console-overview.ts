import { platformPool } from "@/lib/db/pools";

export interface ConsoleOverview {
  tenantsByStatus: Record<string, number>;
  healthByStatus: Record<string, number>;
  /** Totals of the latest analytics snapshot; null before the first. */
  snapshot: { takenAt: string; dbSizeBytes: number; storageBytes: number; apiCalls30d: number; users: number } | null;
}

/** The Overview page's summary numbers: three aggregate statements as the platform role. */
export async function readConsoleOverview(): Promise<ConsoleOverview> {
  const pool = platformPool();
  const [tenants, health, snapshot] = await Promise.all([
    pool.query<{ status: string; count: number }>("SELECT status, count(*)::int AS count FROM tenants GROUP BY status"),
    pool.query<{ status: string; count: number }>("SELECT h.status, count(*)::int AS count FROM tenant_health h JOIN tenants t ON t.id = h.subject_tenant_id WHERE t.status <> 'deleted' GROUP BY h.status"),
    pool.query<{ taken_at: Date; db_size_bytes: string; storage_bytes: string; api_calls_30d: string; users: string }>(
      `SELECT s.taken_at, coalesce(sum(u.db_size_bytes), 0)::text AS db_size_bytes, coalesce(sum(u.storage_bytes), 0)::text AS storage_bytes,
              coalesce(sum(u.api_calls_30d), 0)::text AS api_calls_30d, coalesce(sum(u.users), 0)::text AS users
         FROM (SELECT id, taken_at FROM analytics_snapshots ORDER BY taken_at DESC, id DESC LIMIT 1) s
         LEFT JOIN analytics_tenant_usage u ON u.snapshot_id = s.id
        GROUP BY s.taken_at`,
    ),
  ]);
  const row = snapshot.rows[0];
  return {
    tenantsByStatus: Object.fromEntries(tenants.rows.map((entry) => [entry.status, entry.count])),
    healthByStatus: Object.fromEntries(health.rows.map((entry) => [entry.status, entry.count])),
    snapshot: row
      ? { takenAt: row.taken_at.toISOString(), dbSizeBytes: Number(row.db_size_bytes), storageBytes: Number(row.storage_bytes), apiCalls30d: Number(row.api_calls_30d), users: Number(row.users) }
      : null,
  };
}
