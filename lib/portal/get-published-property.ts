import { forTenant } from "@/lib/db/tenant-client";
import { assertPropertyId, propertyNotFound } from "@/lib/properties/get-property";
import type { TenantRequestContext } from "@/lib/tenancy/context";
import { listingPhotosByProperty } from "./listing-photos-by-property";
import { toPublicPropertyView, type PublicPropertyView } from "./portal-property-schema";

/** One listing for the public, with its listing photos (cover first): unpublished properties and other tenants' ids are simply not found. */
export async function getPublishedProperty(context: Pick<TenantRequestContext, "tenant">, id: string): Promise<PublicPropertyView> {
  assertPropertyId(id);
  const row = await forTenant(context.tenant).property.findFirst({ where: { id, published: true } });
  if (!row) throw propertyNotFound();
  const photos = await listingPhotosByProperty(context, [row.id]);
  return toPublicPropertyView(row, photos.get(row.id));
}
