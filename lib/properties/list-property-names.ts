import { forTenant } from "@/lib/db/tenant-client";
import type { TenantRequestContext } from "@/lib/tenancy/context";
import { isUuid } from "@/lib/db/uuid";

/** Names of the given properties of this tenant (for lists of transactions or leads); unknown ids are left out. */
export async function listPropertyNames(context: Pick<TenantRequestContext, "tenant">, ids: Array<string | null>): Promise<Record<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null && isUuid(id)))];
  if (wanted.length === 0) return {};
  const rows = await forTenant(context.tenant).property.findMany({ where: { id: { in: wanted } }, select: { id: true, name: true } });
  return Object.fromEntries(rows.map((row) => [row.id, row.name]));
}
