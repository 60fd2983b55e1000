import { forTenant } from "@/lib/db/tenant-client";
import type { TenantRequestContext } from "@/lib/tenancy/context";
import { assertPropertyId, propertyNotFound } from "./get-property";
import type { PropertyView } from "./property-schema";
import { toPropertyView } from "./to-property-view";

/** The portal's view of one listing: unpublished and other tenants' ids are simply not found. */
export async function getPublishedProperty(context: Pick<TenantRequestContext, "tenant">, id: string): Promise<PropertyView> {
  assertPropertyId(id);
  const row = await forTenant(context.tenant).property.findFirst({ where: { id, published: true } });
  if (!row) throw propertyNotFound();
  return toPropertyView(row);
}
