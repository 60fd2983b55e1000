import type pg from "pg";
import { ownerPool } from "@/lib/db/pools";
import { quoteIdent, tenantSchemaName } from "@/lib/db/schema-name";
import type { TenantDetails } from "@/lib/tenants/find-tenant";

/** The seed's optimize_tenant_resources: a table not vacuumed (manually or by autovacuum) for this long is stale. */
export const STALE_VACUUM_DAYS = 7;
/** A statement is worth an index suggestion when it ran at least this often and averages at least this long. */
const MIN_CALLS = 50;
const MIN_MEAN_MS = 5;

export interface TableReport {
  table: string;
  liveRows: number;
  deadRows: number;
  /** Dead rows as a share of all rows (pg_stat_user_tables' estimate of bloat). */
  deadRatio: number;
  lastVacuum: string | null;
  stale: boolean;
  vacuumed: boolean;
}

export interface IndexSuggestion {
  table: string;
  column: string;
  reason: string;
  ddl: string;
  created: boolean;
}

export interface OptimizeReport {
  tenantId: string;
  slug: string;
  applied: boolean;
  tables: TableReport[];
  pgStatStatements: boolean;
  indexSuggestions: IndexSuggestion[];
}

async function hasPgStatStatements(client: pg.ClientBase): Promise<boolean> {
  const result = await client.query("SELECT 1 FROM pg_extension WHERE extname = 'pg_stat_statements'");
  if (result.rowCount === 0) return false;
  try {
    await client.query("SELECT 1 FROM pg_stat_statements LIMIT 1");
    return true;
  } catch {
    // Installed but not in shared_preload_libraries.
    return false;
  }
}

/**
 * Index suggestions from pg_stat_statements: frequent, slow statements on this schema's tables whose
 * WHERE compares a column that no index of the table leads with. A heuristic: it reads the query text.
 */
async function suggestIndexes(client: pg.ClientBase, schema: string): Promise<Array<Omit<IndexSuggestion, "created">>> {
  const statements = await client.query<{ query: string; calls: string; mean_ms: number }>(
    "SELECT query, calls, mean_exec_time AS mean_ms FROM pg_stat_statements WHERE query ILIKE $1 AND calls >= $2 AND mean_exec_time >= $3 ORDER BY total_exec_time DESC LIMIT 50",
    [`%${schema}%`, MIN_CALLS, MIN_MEAN_MS],
  );
  const columns = await client.query<{ table: string; column: string }>("SELECT table_name AS table, column_name AS column FROM information_schema.columns WHERE table_schema = $1", [schema]);
  const leading = await client.query<{ table: string; column: string }>(
    `SELECT t.relname AS table, a.attname AS column FROM pg_index i
       JOIN pg_class t ON t.oid = i.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace
       JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = i.indkey[0]
      WHERE n.nspname = $1`,
    [schema],
  );
  const indexed = new Set(leading.rows.map((row) => `${row.table}.${row.column}`));
  const suggestions = new Map<string, Omit<IndexSuggestion, "created">>();
  for (const statement of statements.rows) {
    const where = statement.query.split(/\bwhere\b/i)[1];
    if (!where) continue;
    for (const { table, column } of columns.rows) {
      if (indexed.has(`${table}.${column}`) || suggestions.has(`${table}.${column}`)) continue;
      if (!new RegExp(`\\b${table}\\b`, "i").test(statement.query)) continue;
      if (!new RegExp(`"?\\b${column}\\b"?\\s*(=|<|>|in\\b|between\\b)`, "i").test(where)) continue;
      const name = `${table}_${column}_opt_idx`.slice(0, 63);
      suggestions.set(`${table}.${column}`, {
        table,
        column,
        reason: `${statement.calls} calls averaging ${statement.mean_ms.toFixed(1)} ms filter on ${column}`,
        ddl: `CREATE INDEX CONCURRENTLY IF NOT EXISTS ${quoteIdent(name)} ON ${quoteIdent(schema)}.${quoteIdent(table)} (${quoteIdent(column)})`,
      });
    }
  }
  return [...suggestions.values()];
}

/**
 * VACUUM ANALYZE on the tenant's tables not vacuumed for STALE_VACUUM_DAYS (with `apply`; a dry run
 * reports), a dead-row bloat report, and index suggestions (created only with `apply`; nothing is ever
 * dropped). Needs the owner role (VACUUM), i.e. the operator CLI.
 */
export async function optimizeTenant(tenant: Pick<TenantDetails, "id" | "slug">, options: { apply: boolean; now?: number }): Promise<OptimizeReport> {
  const schema = tenantSchemaName(tenant.id);
  const staleBefore = (options.now ?? Date.now()) - STALE_VACUUM_DAYS * 86_400_000;
  const client = await ownerPool().connect();
  try {
    const stats = await client.query<{ relname: string; n_live_tup: string; n_dead_tup: string; last: Date | null }>(
      "SELECT relname, n_live_tup, n_dead_tup, greatest(last_vacuum, last_autovacuum) AS last FROM pg_stat_user_tables WHERE schemaname = $1 ORDER BY relname",
      [schema],
    );
    const tables: TableReport[] = [];
    for (const row of stats.rows) {
      const live = Number(row.n_live_tup);
      const dead = Number(row.n_dead_tup);
      const stale = row.last === null || row.last.getTime() < staleBefore;
      // VACUUM cannot run inside a transaction block: one statement per table, on this session.
      if (stale && options.apply) await client.query(`VACUUM (ANALYZE) ${quoteIdent(schema)}.${quoteIdent(row.relname)}`);
      tables.push({ table: row.relname, liveRows: live, deadRows: dead, deadRatio: live + dead === 0 ? 0 : Math.round((dead / (live + dead)) * 1000) / 1000, lastVacuum: row.last?.toISOString() ?? null, stale, vacuumed: stale && options.apply });
    }
    const pgStatStatements = await hasPgStatStatements(client);
    const indexSuggestions: IndexSuggestion[] = [];
    if (pgStatStatements) {
      for (const suggestion of await suggestIndexes(client, schema)) {
        if (options.apply) await client.query(suggestion.ddl);
        indexSuggestions.push({ ...suggestion, created: options.apply });
      }
    }
    return { tenantId: tenant.id, slug: tenant.slug, applied: options.apply, tables, pgStatStatements, indexSuggestions };
  } finally {
    client.release();
  }
}
