import { firstImageByProperty } from "@/lib/documents/first-image-by-property";
import { forTenant } from "@/lib/db/tenant-client";
import { assertPropertyId, propertyNotFound } from "@/lib/properties/get-property";
import type { TenantRequestContext } from "@/lib/tenancy/context";
import { toPublicPropertyView, type PublicPropertyView } from "./portal-property-schema";

/** One listing for the public, with its first photo: unpublished properties and other tenants' ids are simply not found. */
export async function getPublishedProperty(context: Pick<TenantRequestContext, "tenant">, id: string): Promise<PublicPropertyView> {
  assertPropertyId(id);
  const row = await forTenant(context.tenant).property.findFirst({ where: { id, published: true } });
  if (!row) throw propertyNotFound();
  const photos = await firstImageByProperty(context, [row.id]);
  return toPublicPropertyView(row, photos.get(row.id));
}
