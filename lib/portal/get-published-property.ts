import { forTenant } from "@/lib/db/tenant-client";
import { assertPropertyId, propertyNotFound } from "@/lib/properties/get-property";
import type { TenantRequestContext } from "@/lib/tenancy/context";
import { toPublicPropertyView, type PublicPropertyView } from "./portal-property-schema";

/** One listing for the public: unpublished properties and other tenants' ids are simply not found. */
export async function getPublishedProperty(context: Pick<TenantRequestContext, "tenant">, id: string): Promise<PublicPropertyView> {
  assertPropertyId(id);
  const row = await forTenant(context.tenant).property.findFirst({ where: { id, published: true } });
  if (!row) throw propertyNotFound();
  return toPublicPropertyView(row);
}
