import { forTenant } from "@/lib/db/tenant-client";
import type { TenantRequestContext } from "@/lib/tenancy/context";
import type { PropertyView } from "./property-schema";
import { toPropertyView } from "./to-property-view";

export async function listProperties(context: Pick<TenantRequestContext, "tenant">, options: { limit?: number } = {}): Promise<PropertyView[]> {
  const rows = await forTenant(context.tenant).property.findMany({
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: Math.min(Math.max(options.limit ?? 50, 1), 100),
  });
  return rows.map(toPropertyView);
}
