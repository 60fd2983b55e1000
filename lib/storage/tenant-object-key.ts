import { AppError } from "@/lib/errors/app-error";
import { tenantSchemaName } from "@/lib/db/schema-name";

const SEGMENT = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

/** Every object of a tenant lives under `tenant_<uuid hex>/`, the same name as its schema. */
export function tenantPrefix(tenantId: string): string {
  return `${tenantSchemaName(tenantId)}/`;
}

function outsideTenant(key: string): AppError {
  return new AppError({ code: "forbidden", message: `Storage key "${key}" is outside this workspace's files` });
}

/** The only way to build an object key: plain segments (no `..`, no slashes, no leading dot) under the tenant's prefix. */
export function tenantObjectKey(tenantId: string, ...segments: string[]): string {
  if (segments.length === 0) throw new AppError({ code: "bad_request", message: "A storage key needs a name" });
  for (const segment of segments) {
    if (!SEGMENT.test(segment) || segment.includes("..")) throw outsideTenant(segments.join("/"));
  }
  return `${tenantPrefix(tenantId)}${segments.join("/")}`;
}

/** Refuses any key that does not resolve inside the tenant's prefix: `../`, absolute, other tenants', encoded tricks. */
export function assertTenantKey(tenantId: string, key: string): string {
  const prefix = tenantPrefix(tenantId);
  if (!key.startsWith(prefix)) throw outsideTenant(key);
  const rest = key.slice(prefix.length).split("/");
  tenantObjectKey(tenantId, ...rest);
  return key;
}
