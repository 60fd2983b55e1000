import { randomUUID } from "node:crypto";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Identity } from "@/lib/auth/identity";
import { Prisma } from "@/lib/db/generated/tenant/client";
import { forTenant } from "@/lib/db/tenant-client";
import { AppError } from "@/lib/errors/app-error";
import { logger } from "@/lib/log/logger";
import { propertyNotFound } from "@/lib/properties/get-property";
import { deleteObject, putObject } from "@/lib/storage/s3";
import { tenantObjectKey } from "@/lib/storage/tenant-object-key";
import type { TenantRequestContext } from "@/lib/tenancy/context";
import { assertWithinPlanLimit } from "@/lib/tenant-profile/plan-limit";
import { tenantProfile } from "@/lib/tenant-profile/tenant-profile";
import { checkLimitNotices } from "@/lib/usage/check-limit-notices";
import { documentUploadSchema, type DocumentView } from "./document-schema";
import { detectDocumentType, DOCUMENT_MAX_BYTES, safeFilename } from "./document-type";
import { toDocumentView } from "./document-view";

export interface DocumentUploadInput {
  filename: string;
  bytes: Uint8Array;
  propertyId?: string | null;
}

/**
 * Stores the file under the tenant's prefix (metadata tenant_id, document_id), then inserts its row.
 * A failed put leaves no row; a failed insert deletes the object again. Only a crash between the two
 * can leave an object without a row, which nothing can reach (every read starts from a row).
 */
export async function uploadDocument(context: Pick<TenantRequestContext, "tenant">, identity: Pick<Identity, "userId">, input: DocumentUploadInput): Promise<DocumentView> {
  const parsed = documentUploadSchema.safeParse({ filename: input.filename, propertyId: input.propertyId });
  if (!parsed.success) throw AppError.fromZod(parsed.error, "Cannot upload document");
  const { filename, propertyId } = parsed.data;
  const { bytes } = input;
  if (bytes.byteLength === 0) throw new AppError({ code: "validation_failed", message: "The file is empty", fieldErrors: { file: ["The file is empty"] } });
  if (bytes.byteLength > DOCUMENT_MAX_BYTES) throw new AppError({ code: "validation_failed", message: "Files can be at most 20 MB", fieldErrors: { file: ["At most 20 MB"] } });
  const type = detectDocumentType(bytes, filename);

  const db = forTenant(context.tenant);
  if (propertyId && !(await db.property.findUnique({ where: { id: propertyId }, select: { id: true } }))) throw propertyNotFound();

  // Checked before the upload; concurrent uploads can pass it together by at most their own sizes (20 MB each).
  const stored = await db.document.aggregate({ _sum: { size: true } });
  assertWithinPlanLimit(await tenantProfile(context.tenant.id), "storageBytes", Number(stored._sum.size ?? 0), bytes.byteLength);

  const id = randomUUID();
  const key = tenantObjectKey(context.tenant.id, "documents", `${id}-${safeFilename(filename)}`);
  await putObject(key, bytes, type.contentType, { tenant_id: context.tenant.id, document_id: id });
  const row = await db.document
    .create({ data: { id, key, filename, contentType: type.contentType, size: bytes.byteLength, propertyId: propertyId ?? null, uploaderId: identity.userId } })
    .catch(async (error: unknown) => {
      await deleteObject(key).catch((cleanupError: unknown) => logger.error({ err: cleanupError, key }, "could not remove the object of a failed document insert"));
      // The property was deleted between the check above and the insert.
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2003") throw propertyNotFound();
      throw error;
    });
  await recordAuditEvent({ tenantId: context.tenant.id, actorUserId: identity.userId, action: "document.uploaded", target: id, metadata: { filename, propertyId: propertyId ?? null, size: bytes.byteLength, contentType: type.contentType } });
  await checkLimitNotices(context.tenant.id, ["storageBytes"]);
  return toDocumentView(row);
}
