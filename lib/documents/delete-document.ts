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
 * Deletes the row (in a transaction, after checking its key is inside the tenant's prefix), then, once
 * that committed, the object.
 *
 * Trade-off: S3 and Postgres cannot commit together, so one side can fail after the other. Deleting
 * the row first means the failure mode is an orphaned object, which nothing can reach (downloads and
 * photos start from a row), rather than a listed document whose file is gone. When S3 refuses, the
 * key is logged so the object can be removed by hand or by a sweep of the prefix, and the caller gets
 * a 503: the document is gone from the workspace, but the file was not deleted yet.
 */
export async function deleteDocument(context: Pick<TenantRequestContext, "tenant">, identity: Pick<Identity, "userId">, id: string): Promise<void> {
  assertDocumentId(id);
  const row = await forTenant(context.tenant).$transaction(async (transaction) => {
    const found = await transaction.document.findUnique({ where: { id }, select: { key: true, filename: true, propertyId: true } });
    if (!found) throw documentNotFound();
    assertTenantKey(context.tenant.id, found.key);
    const { count } = await transaction.document.deleteMany({ where: { id } });
    if (count === 0) throw documentNotFound();
    return found;
  });

  let objectError: unknown = null;
  await deleteObject(row.key).catch((error: unknown) => {
    objectError = error;
    logger.error({ err: error, key: row.key, documentId: id }, "document row deleted but its object could not be removed");
  });
  await recordAuditEvent({
    tenantId: context.tenant.id,
    actorUserId: identity.userId,
    action: "document.deleted",
    target: id,
    metadata: { filename: row.filename, propertyId: row.propertyId, objectDeleted: objectError === null },
  });
  if (objectError !== null) {
    throw new AppError({ code: "unavailable", message: "The document was removed, but its file could not be deleted yet; try again later", cause: objectError });
  }
}
