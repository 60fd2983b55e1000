import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Identity } from "@/lib/auth/identity";
import { forTenant } from "@/lib/db/tenant-client";
import { isUuid } from "@/lib/db/uuid";
import { IMAGE_CONTENT_TYPES } from "@/lib/documents/document-type";
import { AppError } from "@/lib/errors/app-error";
import type { TenantRequestContext } from "@/lib/tenancy/context";
import { assertPropertyId, propertyNotFound } from "./get-property";

export const LISTING_PHOTOS_MAX = 30;

/**
 * Makes exactly these image documents of the property its public listing photos, in this order; the
 * first is the cover. Every other document of the property becomes private again. A document of
 * another property or tenant, not an image, or named twice is refused with 422 and nothing changes.
 */
export async function setListingPhotos(
  context: Pick<TenantRequestContext, "tenant">,
  identity: Pick<Identity, "userId">,
  propertyId: string,
  documentIds: readonly string[],
): Promise<{ documentIds: string[] }> {
  assertPropertyId(propertyId);
  const invalid = (message: string) => new AppError({ code: "validation_failed", message, fieldErrors: { documentIds: [message] } });
  if (documentIds.length > LISTING_PHOTOS_MAX) throw invalid(`A listing can have at most ${LISTING_PHOTOS_MAX} photos`);
  if (new Set(documentIds).size !== documentIds.length) throw invalid("A photo can be on the listing only once");
  if (documentIds.some((id) => !isUuid(id))) throw invalid("Not a photo of this property");

  const db = forTenant(context.tenant);
  if (!(await db.property.findUnique({ where: { id: propertyId }, select: { id: true } }))) throw propertyNotFound();
  const images = await db.document.findMany({
    where: { id: { in: [...documentIds] }, propertyId, status: "ready", contentType: { in: [...IMAGE_CONTENT_TYPES] } },
    select: { id: true },
  });
  if (images.length !== documentIds.length) throw invalid("Only images uploaded to this property can be listing photos");

  await db.$transaction([
    db.document.updateMany({ where: { propertyId, listingPosition: { not: null } }, data: { listingPosition: null } }),
    ...documentIds.map((id, position) => db.document.update({ where: { id }, data: { listingPosition: position } })),
  ]);
  await recordAuditEvent({ tenantId: context.tenant.id, actorUserId: identity.userId, action: "property.photos_updated", target: propertyId, metadata: { photos: documentIds.length } });
  return { documentIds: [...documentIds] };
}

/** Ids of the property's listing photos, cover first (for the staff page; the portal has its own read). */
export async function listListingPhotoIds(context: Pick<TenantRequestContext, "tenant">, propertyId: string): Promise<string[]> {
  const rows = await forTenant(context.tenant).document.findMany({
    where: { propertyId, listingPosition: { not: null } },
    orderBy: { listingPosition: "asc" },
    select: { id: true },
  });
  return rows.map((row) => row.id);
}
