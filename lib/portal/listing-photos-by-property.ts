import { forTenant } from "@/lib/db/tenant-client";
import { isUuid } from "@/lib/db/uuid";
import type { TenantRequestContext } from "@/lib/tenancy/context";

/**
 * For the portal: property id → ids of the photos staff put on its listing, cover first, for those of
 * the given properties that are published. Documents are private unless chosen: type never decides.
 */
export async function listingPhotosByProperty(context: Pick<TenantRequestContext, "tenant">, propertyIds: readonly string[]): Promise<Map<string, string[]>> {
  const ids = [...new Set(propertyIds)].filter((id) => isUuid(id));
  if (ids.length === 0) return new Map();
  const rows = await forTenant(context.tenant).document.findMany({
    where: { propertyId: { in: ids }, listingPosition: { not: null }, status: "ready", property: { published: true } },
    orderBy: [{ listingPosition: "asc" }],
    select: { id: true, propertyId: true },
  });
  const photos = new Map<string, string[]>();
  for (const row of rows) {
    if (!row.propertyId) continue;
    const list = photos.get(row.propertyId) ?? [];
    list.push(row.id);
    photos.set(row.propertyId, list);
  }
  return photos;
}
