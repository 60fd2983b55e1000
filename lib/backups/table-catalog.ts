import type pg from "pg";
import { quoteIdent } from "@/lib/db/schema-name";
import { isUuid } from "@/lib/db/uuid";
import { TENANT_SHARED_TABLES, tenantRowsCondition, type TenantSharedTable } from "@/lib/tenants/tenant-shared-tables";

export interface CatalogTable {
  name: string;
  columns: string[];
  primaryKey: string[];
}

/** The ordinary tables of a schema with their columns in order and primary-key columns. */
export async function listSchemaTables(client: pg.ClientBase, schema: string): Promise<CatalogTable[]> {
  const { rows } = await client.query<{ name: string; columns: string[]; primary_key: string[] | null }>(
    `SELECT c.relname AS name,
            (SELECT array_agg(a.attname::text ORDER BY a.attnum) FROM pg_attribute a
              WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = '') AS columns,
            (SELECT array_agg(a.attname::text ORDER BY array_position(i.indkey::int2[], a.attnum))
               FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
              WHERE i.indrelid = c.oid AND i.indisprimary) AS primary_key
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND c.relkind IN ('r', 'p')
      ORDER BY c.relname`,
    [schema],
  );
  return rows.map((row) => ({ name: row.name, columns: row.columns, primaryKey: row.primary_key ?? [] }));
}

/** `ORDER BY` that makes a table's COPY output, and so its checksum, the same wherever it is taken. */
export function stableOrder(table: CatalogTable): string {
  const keys = table.primaryKey.length > 0 ? table.primaryKey : table.columns;
  return keys.map((column) => quoteIdent(column)).join(", ");
}

export function columnList(columns: readonly string[]): string {
  return columns.map((column) => quoteIdent(column)).join(", ");
}

/** The query a backup copies out for one table of a tenant schema. */
export function tenantTableQuery(schema: string, table: CatalogTable): string {
  return `SELECT ${columnList(table.columns)} FROM ${quoteIdent(schema)}.${quoteIdent(table.name)} ORDER BY ${stableOrder(table)}`;
}

/**
 * The tenant's rows of one shared table, as a query COPY accepts (COPY takes no parameters, so the
 * tenant id, checked to be a UUID, is inlined as a literal).
 */
export function sharedRowsCondition(entry: TenantSharedTable, tenantId: string): string {
  if (!isUuid(tenantId)) throw new Error(`Not a tenant id: ${JSON.stringify(tenantId)}`);
  return tenantRowsCondition(entry, 1).replaceAll("$1", `'${tenantId}'`);
}

export function sharedTableQuery(entry: TenantSharedTable, table: CatalogTable, tenantId: string): string {
  return `SELECT ${columnList(table.columns)} FROM public.${quoteIdent(table.name)} WHERE ${sharedRowsCondition(entry, tenantId)} ORDER BY ${stableOrder(table)}`;
}

/** The shared tables of the declared list with their current columns, in the list's (parent first) order. */
export async function sharedTenantTables(client: pg.ClientBase): Promise<Array<{ entry: TenantSharedTable; table: CatalogTable }>> {
  const all = new Map((await listSchemaTables(client, "public")).map((table) => [table.name, table]));
  return TENANT_SHARED_TABLES.map((entry) => {
    const table = all.get(entry.table);
    if (!table) throw new Error(`Declared tenant shared table public.${entry.table} does not exist`);
    return { entry, table };
  });
}

export interface ForeignKey {
  table: string;
  name: string;
  definition: string;
}

export async function listForeignKeys(client: pg.ClientBase, schema: string): Promise<ForeignKey[]> {
  const { rows } = await client.query<ForeignKey>(
    `SELECT c.relname AS table, con.conname AS name, pg_get_constraintdef(con.oid) AS definition
       FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND con.contype = 'f'
      ORDER BY c.relname, con.conname`,
    [schema],
  );
  return rows;
}

/**
 * Runs `load` with the schema's foreign keys dropped, then adds them back, which checks every row:
 * tables can be filled in any order, and a combination that breaks a reference fails with its name.
 * pg_get_constraintdef qualifies the referenced table only when it is outside search_path, so it is
 * read and re-applied with search_path set to the schema.
 */
export async function withoutForeignKeys<T>(client: pg.ClientBase, schema: string, load: () => Promise<T>): Promise<T> {
  await client.query(`SET LOCAL search_path TO ${quoteIdent(schema)}`);
  const keys = await listForeignKeys(client, schema);
  for (const key of keys) await client.query(`ALTER TABLE ${quoteIdent(schema)}.${quoteIdent(key.table)} DROP CONSTRAINT ${quoteIdent(key.name)}`);
  await client.query("SET LOCAL search_path TO public");
  const result = await load();
  await client.query(`SET LOCAL search_path TO ${quoteIdent(schema)}`);
  for (const key of keys) {
    try {
      await client.query(`ALTER TABLE ${quoteIdent(schema)}.${quoteIdent(key.table)} ADD CONSTRAINT ${quoteIdent(key.name)} ${key.definition}`);
    } catch (error) {
      throw new ReferenceBrokenError(key, error);
    }
  }
  await client.query("SET LOCAL search_path TO public");
  return result;
}

export class ReferenceBrokenError extends Error {
  constructor(
    readonly key: ForeignKey,
    cause: unknown,
  ) {
    super(`rows of ${key.table} would refer to missing rows (${key.name}: ${key.definition}): ${(cause as Error).message}`, { cause });
  }
}
