import { forTenant } from "@/lib/db/tenant-client";
import type { TenantRequestContext } from "@/lib/tenancy/context";
import { assertPropertyId, propertyNotFound } from "./get-property";

export async function deleteProperty(context: Pick<TenantRequestContext, "tenant">, id: string): Promise<void> {
  assertPropertyId(id);
  const { count } = await forTenant(context.tenant).property.deleteMany({ where: { id } });
  if (count === 0) throw propertyNotFound();
}
