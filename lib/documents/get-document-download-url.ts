import { forTenant } from "@/lib/db/tenant-client";
import { presignGetObjectUrl } from "@/lib/storage/s3";
import { assertTenantKey } from "@/lib/storage/tenant-object-key";
import type { TenantRequestContext } from "@/lib/tenancy/context";
import { contentDisposition } from "./content-disposition";
import { assertDocumentId, documentNotFound } from "./document-view";

export const DOWNLOAD_URL_TTL_SECONDS = 5 * 60;

/** A 5-minute presigned URL that downloads one of this tenant's documents as an attachment under its original name. */
export async function getDocumentDownloadUrl(context: Pick<TenantRequestContext, "tenant">, id: string): Promise<string> {
  assertDocumentId(id);
  const row = await forTenant(context.tenant).document.findUnique({ where: { id }, select: { key: true, filename: true, contentType: true } });
  if (!row) throw documentNotFound();
  return presignGetObjectUrl(assertTenantKey(context.tenant.id, row.key), {
    expiresInSeconds: DOWNLOAD_URL_TTL_SECONDS,
    contentDisposition: contentDisposition("attachment", row.filename),
    contentType: row.contentType,
  });
}
