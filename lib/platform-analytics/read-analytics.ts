import { z } from "zod";
import { platformPool } from "@/lib/db/pools";
import { AppError } from "@/lib/errors/app-error";

export const growthDaysSchema = z.coerce.number().int("days is a whole number").min(1, "days is at least 1").max(365, "days is at most 365");

export interface SnapshotInfo {
  snapshotId: number;
  takenAt: string;
}

export interface GrowthDay {
  date: string;
  new_tenants: number;
}

export interface TenantActivity {
  tenant_id: string;
  name: string;
  subdomain: string;
  plan: string;
  status: string;
  activity_count: number;
  last_activity: string | null;
}

export interface TenantResourceUsage {
  tenant_id: string;
  name: string;
  subdomain: string;
  plan: string;
  db_size_bytes: number;
  storage_size_bytes: number;
  api_calls_30d: number;
  user_count: number;
}

/** The newest snapshot; a clear 404-style error before the first `anchor analytics snapshot` run. */
async function latestSnapshot(): Promise<SnapshotInfo> {
  const result = await platformPool().query<{ id: string; taken_at: Date }>("SELECT id, taken_at FROM analytics_snapshots ORDER BY taken_at DESC, id DESC LIMIT 1");
  const row = result.rows[0];
  if (!row) throw new AppError({ code: "not_found", message: "No analytics snapshot yet: run `anchor analytics snapshot` (the scheduler runs it hourly)" });
  return { snapshotId: Number(row.id), takenAt: row.taken_at.toISOString() };
}

/** New tenants per UTC day over the last `days` days, one entry per day (zeros included), oldest first. */
export async function readTenantGrowth(days: number, now = Date.now()): Promise<SnapshotInfo & { days: number; growth: GrowthDay[] }> {
  const snapshot = await latestSnapshot();
  const result = await platformPool().query<{ date: string; new_tenants: number }>(
    `SELECT to_char(d, 'YYYY-MM-DD') AS date, count(u.subject_tenant_id)::int AS new_tenants
       FROM generate_series((date_trunc('day', $2::timestamptz AT TIME ZONE 'UTC') - ($3::int - 1) * interval '1 day'), date_trunc('day', $2::timestamptz AT TIME ZONE 'UTC'), interval '1 day') d
       LEFT JOIN analytics_tenant_usage u ON u.snapshot_id = $1 AND date_trunc('day', u.tenant_created_at AT TIME ZONE 'UTC') = d
      GROUP BY d ORDER BY d`,
    [snapshot.snapshotId, new Date(now), days],
  );
  return { ...snapshot, days, growth: result.rows };
}

export async function readTenantActivity(): Promise<SnapshotInfo & { tenants: TenantActivity[] }> {
  const snapshot = await latestSnapshot();
  const result = await platformPool().query<{ tenant_id: string; name: string; slug: string; plan_id: string; status: string; activity_count_7d: number; last_activity: Date | null }>(
    "SELECT subject_tenant_id AS tenant_id, name, slug, plan_id, status, activity_count_7d, last_activity FROM analytics_tenant_usage WHERE snapshot_id = $1 ORDER BY activity_count_7d DESC, slug",
    [snapshot.snapshotId],
  );
  return {
    ...snapshot,
    tenants: result.rows.map((row) => ({ tenant_id: row.tenant_id, name: row.name, subdomain: row.slug, plan: row.plan_id, status: row.status, activity_count: row.activity_count_7d, last_activity: row.last_activity?.toISOString() ?? null })),
  };
}

/** Resource usage by tenant, largest database first (the seed's sort). */
export async function readResourceUsage(): Promise<SnapshotInfo & { tenants: TenantResourceUsage[] }> {
  const snapshot = await latestSnapshot();
  const result = await platformPool().query<{ tenant_id: string; name: string; slug: string; plan_id: string; db_size_bytes: string; storage_bytes: string; api_calls_30d: string; users: number }>(
    "SELECT subject_tenant_id AS tenant_id, name, slug, plan_id, db_size_bytes, storage_bytes, api_calls_30d, users FROM analytics_tenant_usage WHERE snapshot_id = $1 ORDER BY db_size_bytes DESC, slug",
    [snapshot.snapshotId],
  );
  return {
    ...snapshot,
    tenants: result.rows.map((row) => ({
      tenant_id: row.tenant_id,
      name: row.name,
      subdomain: row.slug,
      plan: row.plan_id,
      db_size_bytes: Number(row.db_size_bytes),
      storage_size_bytes: Number(row.storage_bytes),
      api_calls_30d: Number(row.api_calls_30d),
      user_count: row.users,
    })),
  };
}

/** CSV with a header row of the objects' keys; fields quoted when they hold a comma, quote or newline. */
export function rowsToCsv<T extends object>(rows: T[], columns: Array<keyof T & string>): string {
  const cell = (value: unknown) => {
    const text = value === null || value === undefined ? "" : String(value);
    return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return [columns.join(","), ...rows.map((row) => columns.map((column) => cell(row[column])).join(","))].join("\n") + "\n";
}
