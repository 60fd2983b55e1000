import { forTenant } from "@/lib/db/tenant-client";
import { assertDocumentId, documentNotFound } from "@/lib/documents/document-view";
import { getTenantObjectStream } from "@/lib/storage/s3";
import type { TenantRequestContext } from "@/lib/tenancy/context";

export interface PublishedPhoto {
  body: ReadableStream;
  contentType: string;
  size: number | undefined;
}

/**
 * The bytes of a listing photo for the public: a document staff put on the listing of a published
 * property of this tenant. Anything else — a document not chosen as a photo (whatever its type), no property, an unpublished property, another tenant's id, an
 * object whose metadata names another tenant — is a 404. Served by the app on the tenant's host (not a
 * presigned S3 link), so the Host decides whose photos can be reached and unpublishing stops at once.
 */
export async function getPublishedPhoto(context: Pick<TenantRequestContext, "tenant">, documentId: string): Promise<PublishedPhoto> {
  assertDocumentId(documentId);
  const row = await forTenant(context.tenant).document.findFirst({
    where: { id: documentId, listingPosition: { not: null }, status: "ready", property: { published: true } },
    select: { key: true, contentType: true },
  });
  if (!row) throw documentNotFound();
  const object = await getTenantObjectStream(context.tenant.id, row.key);
  if (!object) throw documentNotFound();
  return { body: object.body, contentType: row.contentType, size: object.size };
}
