import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Identity } from "@/lib/auth/identity";
import { forTenant } from "@/lib/db/tenant-client";
import { AppError } from "@/lib/errors/app-error";
import { logger } from "@/lib/log/logger";
import { deleteObject } from "@/lib/storage/s3";
import { assertTenantKey } from "@/lib/storage/tenant-object-key";
import type { TenantRequestContext } from "@/lib/tenancy/context";
import { assertDocumentId, documentNotFound } from "./document-view";

/**
 * Deletes the row, then (after the delete committed) its object. If S3 refuses, the row is gone and the
 * object is left behind; that is logged with its key and reported as 503, and it is harmless: no row
 * points at it, and downloads go through rows only.
 */
export async function deleteDocument(context: Pick<TenantRequestContext, "tenant">, identity: Pick<Identity, "userId">, id: string): Promise<void> {
  assertDocumentId(id);
  const db = forTenant(context.tenant);
  const row = await db.document.findUnique({ where: { id } });
  if (!row) throw documentNotFound();
  const { count } = await db.document.deleteMany({ where: { id } });
  if (count === 0) throw documentNotFound();
  await recordAuditEvent({ tenantId: context.tenant.id, actorUserId: identity.userId, action: "document.deleted", target: id, metadata: { filename: row.filename } });
  try {
    await deleteObject(assertTenantKey(context.tenant.id, row.key));
  } catch (error) {
    logger.error({ err: error, key: row.key }, "document row deleted but its object could not be removed");
    throw new AppError({ code: "unavailable", message: "The document was removed, but its file could not be deleted yet", cause: error });
  }
}
