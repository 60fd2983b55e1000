/**
 * Every table in the shared `public` schema that holds rows belonging to one tenant, and how a row names
 * its tenant. The one declared list that row-level security, tenant deletion, backups, copies and exports
 * read: a new per-tenant shared table is added here or it is neither protected nor backed up
 * (`lib/db/schema-drift.test.ts`-style checks compare this list with the catalog).
 *
 * Order is parent before child, so a restore can insert in this order and a delete can run in reverse.
 */
export type TenantSharedTable =
  | { table: string; tenantColumn: string }
  | { table: string; through: { column: string; parentTable: string; parentKey: string } };

export const TENANT_SHARED_TABLES = [
  { table: "tenants", tenantColumn: "id" },
  { table: "tenant_settings", tenantColumn: "tenant_id" },
  { table: "users", tenantColumn: "tenant_id" },
  { table: "password_tokens", through: { column: "user_id", parentTable: "users", parentKey: "id" } },
  { table: "handoff_tokens", tenantColumn: "tenant_id" },
  { table: "audit_logs", tenantColumn: "tenant_id" },
] as const satisfies readonly TenantSharedTable[];

export type TenantSharedTableName = (typeof TENANT_SHARED_TABLES)[number]["table"];

/**
 * The SQL condition selecting one tenant's rows of a shared table, with the tenant id as `$<param>`.
 * Table and column names come from the list above only, never from input.
 */
export function tenantRowsCondition(entry: TenantSharedTable, param = 1): string {
  if ("tenantColumn" in entry) return `"${entry.tenantColumn}" = $${param}::uuid`;
  const { column, parentTable, parentKey } = entry.through;
  const parent = TENANT_SHARED_TABLES.find((candidate) => candidate.table === parentTable);
  if (!parent || !("tenantColumn" in parent)) throw new Error(`${entry.table}: parent ${parentTable} is not a direct tenant table`);
  return `"${column}" IN (SELECT "${parentKey}" FROM public."${parentTable}" WHERE "${parent.tenantColumn}" = $${param}::uuid)`;
}
