import { forTenant } from "@/lib/db/tenant-client";
import { presignGetObjectUrl } from "@/lib/storage/s3";
import { assertTenantKey } from "@/lib/storage/tenant-object-key";
import type { TenantRequestContext } from "@/lib/tenancy/context";
import { contentDisposition } from "./content-disposition";
import { IMAGE_CONTENT_TYPES } from "./document-type";
import { assertDocumentId, documentNotFound } from "./document-view";
import { DOWNLOAD_URL_TTL_SECONDS } from "./get-document-download-url";

/**
 * The public read path for portal photos: a 5-minute presigned URL (shown inline) for an image attached
 * to a published property of this tenant. Any other document — not an image, no property, an
 * unpublished property, another tenant's — is a 404. Meant to be called per request (e.g. by a route
 * that redirects to it), not baked into cached HTML.
 */
export async function getPublicPhotoUrl(context: Pick<TenantRequestContext, "tenant">, documentId: string): Promise<string> {
  assertDocumentId(documentId);
  const row = await forTenant(context.tenant).document.findFirst({
    where: { id: documentId, contentType: { in: [...IMAGE_CONTENT_TYPES] }, status: "ready", property: { published: true } },
    select: { key: true, filename: true, contentType: true },
  });
  if (!row) throw documentNotFound();
  return presignGetObjectUrl(assertTenantKey(context.tenant.id, row.key), {
    expiresInSeconds: DOWNLOAD_URL_TTL_SECONDS,
    contentDisposition: contentDisposition("inline", row.filename),
    contentType: row.contentType,
  });
}
