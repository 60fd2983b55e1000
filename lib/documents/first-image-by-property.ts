import { forTenant } from "@/lib/db/tenant-client";
import type { TenantRequestContext } from "@/lib/tenancy/context";
import { IMAGE_CONTENT_TYPES } from "./document-type";
import { isUuid } from "@/lib/db/uuid";

/**
 * For the portal: property id → id of its first uploaded image, for those of the given properties that
 * are published and have one. Unpublished properties are left out, like everywhere on the portal.
 */
export async function firstImageByProperty(context: Pick<TenantRequestContext, "tenant">, propertyIds: readonly string[]): Promise<Map<string, string>> {
  const ids = [...new Set(propertyIds)].filter((id) => isUuid(id));
  if (ids.length === 0) return new Map();
  const rows = await forTenant(context.tenant).document.findMany({
    where: { propertyId: { in: ids }, contentType: { in: [...IMAGE_CONTENT_TYPES] }, status: "ready", property: { published: true } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    distinct: ["propertyId"],
    select: { id: true, propertyId: true },
  });
  const firstImages = new Map<string, string>();
  for (const row of rows) if (row.propertyId) firstImages.set(row.propertyId, row.id);
  return firstImages;
}
