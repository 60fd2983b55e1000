import { forTenant } from "@/lib/db/tenant-client";
import { IMAGE_CONTENT_TYPES } from "@/lib/documents/document-type";
import { assertDocumentId, documentNotFound } from "@/lib/documents/document-view";
import { getTenantObjectStream } from "@/lib/storage/s3";
import type { TenantRequestContext } from "@/lib/tenancy/context";

export interface PublishedPhoto {
  body: ReadableStream;
  contentType: string;
  size: number | undefined;
}

/**
 * The bytes of a listing photo for the public: an image document of a published property of this
 * tenant. Anything else — not an image, no property, an unpublished property, another tenant's id, an
 * object whose metadata names another tenant — is a 404. Served by the app on the tenant's host (not a
 * presigned S3 link), so the Host decides whose photos can be reached and unpublishing stops at once.
 */
export async function getPublishedPhoto(context: Pick<TenantRequestContext, "tenant">, documentId: string): Promise<PublishedPhoto> {
  assertDocumentId(documentId);
  const row = await forTenant(context.tenant).document.findFirst({
    where: { id: documentId, contentType: { in: [...IMAGE_CONTENT_TYPES] }, status: "ready", property: { published: true } },
    select: { key: true, contentType: true },
  });
  if (!row) throw documentNotFound();
  const object = await getTenantObjectStream(context.tenant.id, row.key);
  if (!object) throw documentNotFound();
  return { body: object.body, contentType: row.contentType, size: object.size };
}
