import { forTenant } from "@/lib/db/tenant-client";
import { presignedDownloadUrl } from "@/lib/storage/s3";
import { assertTenantKey } from "@/lib/storage/tenant-object-key";
import type { TenantRequestContext } from "@/lib/tenancy/context";
import { assertDocumentId, documentNotFound } from "./document-view";

/** A 5-minute presigned URL for one of this tenant's documents (the key is checked against the prefix before signing). */
export async function getDocumentDownloadUrl(context: Pick<TenantRequestContext, "tenant">, id: string): Promise<string> {
  assertDocumentId(id);
  const row = await forTenant(context.tenant).document.findUnique({ where: { id } });
  if (!row) throw documentNotFound();
  return presignedDownloadUrl(assertTenantKey(context.tenant.id, row.key), row.filename);
}
