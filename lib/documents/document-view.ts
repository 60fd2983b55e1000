import type { Document } from "@/lib/db/generated/tenant/client";
import { AppError } from "@/lib/errors/app-error";
import type { DocumentView } from "./document-schema";
import { isUuid } from "@/lib/db/uuid";

export function toDocumentView(row: Document): DocumentView {
  return { id: row.id, propertyId: row.propertyId, filename: row.filename, contentType: row.contentType, size: Number(row.size), createdAt: row.createdAt.toISOString() };
}

export function documentNotFound(): AppError {
  return new AppError({ code: "not_found", message: "Document not found" });
}

export function assertDocumentId(id: string): void {
  if (!isUuid(id)) throw documentNotFound();
}
