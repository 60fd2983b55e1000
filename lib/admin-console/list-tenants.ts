import { z } from "zod";
import { platformPool } from "@/lib/db/pools";
import { AppError } from "@/lib/errors/app-error";
import type { HealthStatus } from "@/lib/health/health-thresholds";
import { PLAN_IDS } from "@/lib/plans/plans";
import { TENANT_STATUSES } from "@/lib/tenancy/context";

/**
 * The admin console's tenant list (GET /api/admin/tenants and the Tenants page): one statement over
 * `tenants`, the latest analytics snapshot (usage) and `tenant_health`, never a query per row.
 * Keyset-paged on (sort key, id) in both directions.
 */

export const TENANT_SORTS = ["name", "created", "db_size", "api_calls", "last_activity"] as const;
export type TenantSortKey = (typeof TENANT_SORTS)[number];
/** `name` ascending, `-name` descending; and so on for each key. */
export const TENANT_SORT_VALUES = TENANT_SORTS.flatMap((key) => [key, `-${key}`] as const);
export type TenantSort = (typeof TENANT_SORT_VALUES)[number];
export const HEALTH_FILTERS = ["healthy", "warning", "critical", "unknown"] as const;

const SORT_SQL: Record<TenantSortKey, { expression: string; type: string }> = {
  name: { expression: "lower(t.name)", type: "text" },
  created: { expression: "t.created_at", type: "timestamptz" },
  db_size: { expression: "coalesce(u.db_size_bytes, -1)", type: "bigint" },
  api_calls: { expression: "coalesce(u.api_calls_30d, -1)", type: "bigint" },
  last_activity: { expression: "coalesce(u.last_activity, '-infinity'::timestamptz)", type: "timestamptz" },
};

const blankAsAbsent = (value: unknown) => (value === "" ? undefined : value);

export const tenantListQuerySchema = z.object({
  q: z.preprocess(blankAsAbsent, z.string().trim().max(100, "q is at most 100 characters").optional()),
  status: z.preprocess(blankAsAbsent, z.enum(TENANT_STATUSES).optional()),
  plan: z.preprocess(blankAsAbsent, z.enum(PLAN_IDS).optional()),
  health: z.preprocess(blankAsAbsent, z.enum(HEALTH_FILTERS).optional()),
  sort: z.preprocess(blankAsAbsent, z.enum(TENANT_SORT_VALUES as [TenantSort, ...TenantSort[]]).default("name")),
  cursor: z.preprocess(blankAsAbsent, z.string().max(500).optional()),
  limit: z.preprocess(blankAsAbsent, z.coerce.number().int().min(1).max(100).default(25)),
});
export type TenantListQuery = z.output<typeof tenantListQuerySchema>;

export interface TenantListRow {
  id: string;
  slug: string;
  name: string;
  plan: string;
  status: string;
  createdAt: string;
  customDomain: string | null;
  customDomainVerified: boolean;
  /** From the latest analytics snapshot; null for a tenant created after it (or before the first one). */
  users: number | null;
  properties: number | null;
  dbSizeBytes: number | null;
  storageBytes: number | null;
  apiCalls30d: number | null;
  lastActivity: string | null;
  /** The latest health check; null before the first. */
  health: { status: HealthStatus; reasons: string[]; checkedAt: string } | null;
}

export interface TenantListPage {
  tenants: TenantListRow[];
  /** Tenants matching the filters, across all pages. */
  total: number;
  nextCursor: string | null;
  prevCursor: string | null;
  sort: TenantSort;
  limit: number;
  snapshotTakenAt: string | null;
}

const cursorSchema = z.object({ s: z.enum(TENANT_SORT_VALUES as [TenantSort, ...TenantSort[]]), k: z.string(), id: z.uuid(), d: z.enum(["next", "prev"]) });
type Cursor = z.output<typeof cursorSchema>;

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString("base64url");
}

function decodeCursor(raw: string, sort: TenantSort): Cursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw, "base64url").toString());
  } catch {
    parsed = null;
  }
  const cursor = cursorSchema.safeParse(parsed);
  if (!cursor.success || cursor.data.s !== sort) {
    throw new AppError({ code: "validation_failed", message: "Invalid query: cursor is not one of this list's (sort changed?)", fieldErrors: { cursor: ["Invalid cursor"] } });
  }
  return cursor.data;
}

interface ListRow {
  id: string;
  slug: string;
  name: string;
  plan_id: string;
  status: string;
  created_at: Date;
  custom_domain: string | null;
  custom_domain_verified: boolean;
  users: number | null;
  properties: number | null;
  db_size_bytes: string | null;
  storage_bytes: string | null;
  api_calls_30d: string | null;
  last_activity: Date | null;
  health_status: HealthStatus | null;
  health_reasons: string[] | null;
  health_checked_at: Date | null;
  sort_key: string;
}

const numberOrNull = (value: string | number | null) => (value === null ? null : Number(value));

function toRow(row: ListRow): TenantListRow {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    plan: row.plan_id,
    status: row.status,
    createdAt: row.created_at.toISOString(),
    customDomain: row.custom_domain,
    customDomainVerified: row.custom_domain_verified,
    users: row.users,
    properties: row.properties,
    dbSizeBytes: numberOrNull(row.db_size_bytes),
    storageBytes: numberOrNull(row.storage_bytes),
    apiCalls30d: numberOrNull(row.api_calls_30d),
    lastActivity: row.last_activity?.toISOString() ?? null,
    health: row.health_status && row.health_checked_at ? { status: row.health_status, reasons: row.health_reasons ?? [], checkedAt: row.health_checked_at.toISOString() } : null,
  };
}

/** Filters as SQL over `t` (tenants) and `h` (health), numbering their parameters after `before` others. */
function filterSql(query: TenantListQuery, before: number): { where: string[]; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  const param = (value: unknown) => `$${params.push(value) + before}`;
  if (query.status) where.push(`t.status = ${param(query.status)}`);
  else where.push("t.status <> 'deleted'");
  if (query.plan) where.push(`t.plan_id = ${param(query.plan)}`);
  if (query.health === "unknown") where.push("h.status IS NULL");
  else if (query.health) where.push(`h.status = ${param(query.health)}`);
  if (query.q) {
    const pattern = param(`%${query.q.replace(/[\\%_]/g, (character) => `\\${character}`)}%`);
    where.push(`(t.name ILIKE ${pattern} OR t.slug ILIKE ${pattern} OR t.custom_domain ILIKE ${pattern})`);
  }
  return { where, params };
}

const FROM = `FROM tenants t
  LEFT JOIN analytics_tenant_usage u ON u.snapshot_id = $1 AND u.subject_tenant_id = t.id
  LEFT JOIN tenant_health h ON h.subject_tenant_id = t.id`;
// No filter reads the snapshot, so counting joins health only when filtering by it.
const countFrom = (query: TenantListQuery) => (query.health ? "FROM tenants t LEFT JOIN tenant_health h ON h.subject_tenant_id = t.id" : "FROM tenants t");

/** One page of tenants matching the query, read as the platform role. */
export async function listConsoleTenants(query: TenantListQuery): Promise<TenantListPage> {
  const pool = platformPool();
  const sortKey = query.sort.replace(/^-/, "") as TenantSortKey;
  const descending = query.sort.startsWith("-");
  const cursor = query.cursor ? decodeCursor(query.cursor, query.sort) : null;
  const snapshot = (await pool.query<{ id: string; taken_at: Date }>("SELECT id, taken_at FROM analytics_snapshots ORDER BY taken_at DESC, id DESC LIMIT 1")).rows[0] ?? null;
  const snapshotId = snapshot ? Number(snapshot.id) : null;

  const { where, params } = filterSql(query, 1);
  const counted = filterSql(query, 0);
  const { expression, type } = SORT_SQL[sortKey];
  // Reading backwards (a "prev" cursor) flips the order, and the rows are reversed afterwards.
  const backwards = cursor?.d === "prev";
  const ascending = descending === backwards;
  const direction = ascending ? "ASC" : "DESC";
  const pageWhere = [...where];
  const pageParams = [...params];
  if (cursor) {
    pageParams.push(cursor.k, cursor.id);
    pageWhere.push(`(${expression}, t.id) ${ascending ? ">" : "<"} ($${pageParams.length}::${type}, $${pageParams.length + 1}::uuid)`);
  }
  pageParams.push(query.limit + 1);
  const whereSql = (clauses: string[]) => (clauses.length ? `WHERE ${clauses.join(" AND ")}` : "");

  const [page, count] = await Promise.all([
    pool.query<ListRow>(
      `SELECT t.id, t.slug, t.name, t.plan_id, t.status, t.created_at, t.custom_domain, t.custom_domain_verified,
              u.users, u.properties, u.db_size_bytes, u.storage_bytes, u.api_calls_30d, u.last_activity,
              h.status AS health_status, h.reasons AS health_reasons, h.checked_at AS health_checked_at,
              (${expression})::text AS sort_key
         ${FROM}
         ${whereSql(pageWhere)}
        ORDER BY ${expression} ${direction}, t.id ${direction}
        LIMIT $${pageParams.length + 1}`,
      [snapshotId, ...pageParams],
    ),
    pool.query<{ total: number }>(`SELECT count(*)::int AS total ${countFrom(query)} ${whereSql(counted.where)}`, counted.params),
  ]);

  const more = page.rows.length > query.limit;
  const rows = page.rows.slice(0, query.limit);
  if (backwards) rows.reverse();
  const at = (row: ListRow | undefined, d: Cursor["d"]) => (row ? encodeCursor({ s: query.sort, k: row.sort_key, id: row.id, d }) : null);
  const first = rows[0];
  const last = rows[rows.length - 1];
  return {
    tenants: rows.map(toRow),
    total: count.rows[0]!.total,
    nextCursor: backwards ? at(last, "next") : more ? at(last, "next") : null,
    prevCursor: backwards ? (more ? at(first, "prev") : null) : cursor ? at(first, "prev") : null,
    sort: query.sort,
    limit: query.limit,
    snapshotTakenAt: snapshot?.taken_at.toISOString() ?? null,
  };
}
