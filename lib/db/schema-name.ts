import { isUuid } from "./uuid";

/** The PostgreSQL schema of a tenant. Derived from its id only, never from user input. */
export function tenantSchemaName(tenantId: string): string {
  if (!isUuid(tenantId)) throw new Error(`Not a tenant id: ${JSON.stringify(tenantId)}`);
  return `tenant_${tenantId.replaceAll("-", "")}`;
}

export function isTenantSchemaName(name: string): boolean {
  return /^tenant_[0-9a-f]{32}$/.test(name);
}

export function quoteIdent(identifier: string): string {
  return `"${identifier.replaceAll('"', '""')}"`;
}
