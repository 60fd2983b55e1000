import { randomUUID } from "node:crypto";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Identity } from "@/lib/auth/identity";
import { forTenant } from "@/lib/db/tenant-client";
import { AppError } from "@/lib/errors/app-error";
import { logger } from "@/lib/log/logger";
import { assertPropertyId, propertyNotFound } from "@/lib/properties/get-property";
import { deleteObject, putObject } from "@/lib/storage/s3";
import { tenantObjectKey } from "@/lib/storage/tenant-object-key";
import type { TenantRequestContext } from "@/lib/tenancy/context";
import type { DocumentView } from "./document-schema";
import { detectDocumentType, DOCUMENT_MAX_BYTES, safeFilename } from "./document-type";
import { toDocumentView } from "./document-view";

/**
 * Stores a file under the tenant's prefix (metadata tenant_id, document_id), then its row. A failed put
 * leaves no row; a failed insert deletes the object again, so files and rows stay consistent.
 */
export async function uploadDocument(
  context: Pick<TenantRequestContext, "tenant">,
  identity: Pick<Identity, "userId">,
  file: { filename: string; bytes: Uint8Array },
  propertyId: string | null,
): Promise<DocumentView> {
  if (file.bytes.byteLength === 0) throw new AppError({ code: "validation_failed", message: "The file is empty", fieldErrors: { file: ["The file is empty"] } });
  if (file.bytes.byteLength > DOCUMENT_MAX_BYTES) throw new AppError({ code: "validation_failed", message: "Files can be at most 20 MB", fieldErrors: { file: ["At most 20 MB"] } });
  const filename = file.filename.trim().slice(0, 255) || "file";
  const type = detectDocumentType(file.bytes, filename);
  const db = forTenant(context.tenant);
  if (propertyId) {
    assertPropertyId(propertyId);
    if (!(await db.property.findUnique({ where: { id: propertyId }, select: { id: true } }))) throw propertyNotFound();
  }
  const id = randomUUID();
  const key = tenantObjectKey(context.tenant.id, "documents", `${id}-${safeFilename(filename)}`);
  await putObject(key, file.bytes, type.contentType, { tenant_id: context.tenant.id, document_id: id });
  try {
    const row = await db.document.create({ data: { id, key, filename, contentType: type.contentType, size: file.bytes.byteLength, propertyId, uploaderId: identity.userId } });
    await recordAuditEvent({ tenantId: context.tenant.id, actorUserId: identity.userId, action: "document.uploaded", target: id, metadata: { filename, size: file.bytes.byteLength } });
    return toDocumentView(row);
  } catch (error) {
    await deleteObject(key).catch((cleanupError: unknown) => logger.error({ err: cleanupError, key }, "could not remove the object of a failed upload"));
    throw error;
  }
}
