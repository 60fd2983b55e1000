import type pg from "pg";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { inTransaction, ownerPool } from "@/lib/db/pools";
import { quoteIdent, tenantSchemaName } from "@/lib/db/schema-name";
import { AppError } from "@/lib/errors/app-error";
import { tenantPrefix } from "@/lib/storage/tenant-object-key";
import { findTenantBySlug } from "@/lib/tenants/find-tenant";
import { listSchemaTables, type CatalogTable } from "./table-catalog";
import { TENANT_OBJECT_KEY_COLUMNS, TENANT_USER_REFERENCES } from "./tenant-references";
import { deleteTenantObjects, readTenantObject, writeTenantObject } from "./tenant-files";

export interface CopiedTable {
  sourceRows: number;
  copied: number;
  /** Rows not copied because the target already has a row with the same id or unique value. */
  conflicts: number;
  conflictingIds: string[];
}

export interface CopyDataResult {
  from: string;
  to: string;
  tables: Record<string, CopiedTable>;
  files: number;
  /** User references (uploader, customer, handler) cleared because that user is not one of the target's. */
  userReferencesCleared: number;
}

const MAX_LISTED_CONFLICTS = 20;

/** Tables ordered parents first by their foreign keys within the schema. */
async function parentFirst(client: pg.ClientBase, schema: string, tables: CatalogTable[]): Promise<CatalogTable[]> {
  const { rows } = await client.query<{ child: string; parent: string }>(
    `SELECT c.relname AS child, p.relname AS parent FROM pg_constraint con
       JOIN pg_class c ON c.oid = con.conrelid JOIN pg_class p ON p.oid = con.confrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND con.contype = 'f' AND c.oid <> p.oid`,
    [schema],
  );
  const ordered: CatalogTable[] = [];
  const pending = [...tables];
  while (pending.length > 0) {
    const index = pending.findIndex((table) => !rows.some((edge) => edge.child === table.name && pending.some((other) => other.name === edge.parent)));
    ordered.push(...pending.splice(index === -1 ? 0 : index, 1));
  }
  return ordered;
}

/**
 * The seed's migrate_tenant_data: copies the rows of some (or all) tables of one tenant's schema into
 * another's, in one transaction. A row whose id (or other unique value) the target already has is
 * skipped and reported; documents come with their files, re-keyed under the target's prefix; user
 * references to users the target does not have are cleared. Neither tenant's other data changes.
 */
export async function copyTenantData(fromSlug: string, toSlug: string, options: { tables?: string[] } = {}): Promise<CopyDataResult> {
  const from = await findTenantBySlug(fromSlug);
  const to = await findTenantBySlug(toSlug);
  if (from.id === to.id) throw new AppError({ code: "bad_request", message: "Source and target are the same tenant" });
  for (const tenant of [from, to]) {
    if (tenant.status === "deleted" || tenant.status === "provisioning") throw new AppError({ code: "conflict", message: `Tenant "${tenant.slug}" is ${tenant.status}` });
  }
  const source = tenantSchemaName(from.id);
  const target = tenantSchemaName(to.id);
  const writtenFiles: string[] = [];
  let committed = false;
  try {
    const result = await inTransaction(ownerPool(), async (client) => {
      const versions = await client.query<{ schema_name: string; version: string }>(
        "SELECT schema_name, max(version) AS version FROM public.schema_migrations WHERE schema_name = ANY($1) GROUP BY schema_name",
        [[source, target]],
      );
      const versionOf = (schema: string) => versions.rows.find((row) => row.schema_name === schema)?.version;
      if (versionOf(source) !== versionOf(target)) {
        throw new AppError({ code: "conflict", message: `"${fromSlug}" is at schema version ${versionOf(source)} and "${toSlug}" at ${versionOf(target)}: run anchor migrate first` });
      }
      const all = await listSchemaTables(client, source);
      const names = options.tables ?? all.map((table) => table.name);
      const unknown = names.filter((name) => !all.some((table) => table.name === name));
      if (unknown.length > 0 || names.length === 0) {
        throw new AppError({ code: "bad_request", message: `Unknown table(s) ${unknown.join(", ") || "(none named)"}; --tables takes some of: ${all.map((table) => table.name).join(", ")}` });
      }
      // Writers of the target wait; the source is only read.
      await client.query(`LOCK TABLE ${names.map((name) => `${quoteIdent(target)}.${quoteIdent(name)}`).join(", ")} IN EXCLUSIVE MODE`);
      const tables: Record<string, CopiedTable> = {};
      let userReferencesCleared = 0;
      const copiedKeys: string[] = [];
      for (const table of await parentFirst(client, source, all.filter((each) => names.includes(each.name)))) {
        const src = `${quoteIdent(source)}.${quoteIdent(table.name)}`;
        const tgt = `${quoteIdent(target)}.${quoteIdent(table.name)}`;
        const sourceRows = Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${src}`)).rows[0]!.n);
        const conflicting = table.primaryKey.length === 1
          ? (await client.query<{ id: string }>(`SELECT s.${quoteIdent(table.primaryKey[0]!)}::text AS id FROM ${src} s JOIN ${tgt} t USING (${quoteIdent(table.primaryKey[0]!)}) ORDER BY 1 LIMIT ${MAX_LISTED_CONFLICTS}`)).rows.map((row) => row.id)
          : [];
        const keyColumns = new Set<string>(TENANT_OBJECT_KEY_COLUMNS.filter((entry) => entry.table === table.name).map((entry) => entry.column));
        const userColumns = new Set<string>(TENANT_USER_REFERENCES.filter((entry) => entry.table === table.name).map((entry) => entry.column));
        for (const column of userColumns) {
          const cleared = await client.query<{ n: string }>(
            `SELECT count(*) AS n FROM ${src} WHERE ${quoteIdent(column)} IS NOT NULL AND ${quoteIdent(column)} NOT IN (SELECT id FROM public.users WHERE tenant_id = $1)`,
            [to.id],
          );
          userReferencesCleared += Number(cleared.rows[0]!.n);
        }
        const values = table.columns.map((column) => {
          const name = quoteIdent(column);
          if (keyColumns.has(column)) return `replace(${name}, '${source}/', '${target}/')`;
          if (userColumns.has(column)) return `CASE WHEN ${name} IN (SELECT id FROM public.users WHERE tenant_id = $1) THEN ${name} END`;
          return name;
        });
        const returning = keyColumns.size > 0 ? ` RETURNING ${[...keyColumns].map(quoteIdent).join(", ")}` : "";
        const inserted = await client.query<Record<string, string>>(
          `INSERT INTO ${tgt} (${table.columns.map(quoteIdent).join(", ")}) SELECT ${values.join(", ")} FROM ${src} ON CONFLICT DO NOTHING${returning}`,
          userColumns.size > 0 ? [to.id] : [],
        ).catch((error: unknown) => {
          throw new AppError({ code: "conflict", message: `Cannot copy ${table.name}: ${(error as Error).message}; copy the tables it refers to as well`, cause: error });
        });
        for (const row of inserted.rows) for (const column of keyColumns) if (row[column]) copiedKeys.push(row[column]);
        const copied = inserted.rowCount ?? 0;
        tables[table.name] = { sourceRows, copied, conflicts: sourceRows - copied, conflictingIds: conflicting };
      }
      // Files of the copied rows, before the commit: if one fails, the rows roll back and the copies are removed.
      for (const key of copiedKeys) {
        const name = key.slice(tenantPrefix(to.id).length);
        const object = await readTenantObject(from.id, name);
        writtenFiles.push(name);
        await writeTenantObject(to.id, name, object.body, object.size, object.contentType, { ...object.metadata, tenant_id: to.id });
      }
      return { from: from.slug, to: to.slug, tables, files: copiedKeys.length, userReferencesCleared };
    });
    committed = true;
    const metadata = { from: from.slug, to: to.slug, tables: Object.fromEntries(Object.entries(result.tables).map(([name, table]) => [name, table.copied])), files: result.files };
    await recordAuditEvent({ tenantId: to.id, action: "tenant.data_copied_in", target: from.slug, metadata });
    await recordAuditEvent({ tenantId: from.id, action: "tenant.data_copied_out", target: to.slug, metadata });
    return result;
  } catch (error) {
    if (!committed && writtenFiles.length > 0) await deleteTenantObjects(to.id, writtenFiles).catch(() => undefined);
    throw error;
  }
}
