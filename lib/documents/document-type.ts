import { AppError } from "@/lib/errors/app-error";

export const DOCUMENT_MAX_BYTES = 20 * 1024 * 1024;

export interface DetectedType {
  contentType: string;
  extension: string;
  image: boolean;
}

const starts = (bytes: Uint8Array, ...signature: number[]) => signature.every((byte, index) => bytes[index] === byte);

/**
 * What a file is, from its bytes (and, for ZIP-based Office files and text, its name): PDF, PNG, JPEG,
 * GIF, WebP, DOCX, XLSX, plain text or CSV. Anything else — SVG and HTML included — is refused.
 */
export function detectDocumentType(bytes: Uint8Array, filename: string): DetectedType {
  const extension = filename.toLowerCase().split(".").pop() ?? "";
  if (starts(bytes, 0x25, 0x50, 0x44, 0x46, 0x2d)) return { contentType: "application/pdf", extension: "pdf", image: false };
  if (starts(bytes, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return { contentType: "image/png", extension: "png", image: true };
  if (starts(bytes, 0xff, 0xd8, 0xff)) return { contentType: "image/jpeg", extension: "jpg", image: true };
  if (starts(bytes, 0x47, 0x49, 0x46, 0x38)) return { contentType: "image/gif", extension: "gif", image: true };
  if (starts(bytes, 0x52, 0x49, 0x46, 0x46) && starts(bytes.subarray(8), 0x57, 0x45, 0x42, 0x50)) return { contentType: "image/webp", extension: "webp", image: true };
  if (starts(bytes, 0x50, 0x4b, 0x03, 0x04)) {
    if (extension === "docx") return { contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", extension, image: false };
    if (extension === "xlsx") return { contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", extension, image: false };
  }
  if ((extension === "txt" || extension === "csv") && isPlainUtf8(bytes)) {
    return { contentType: extension === "csv" ? "text/csv; charset=utf-8" : "text/plain; charset=utf-8", extension, image: false };
  }
  throw new AppError({
    code: "validation_failed",
    message: "Upload a PDF, an image (PNG, JPEG, GIF, WebP), a Word or Excel file (.docx, .xlsx), or a .txt/.csv file",
    fieldErrors: { file: ["This type of file is not accepted"] },
  });
}

function isPlainUtf8(bytes: Uint8Array): boolean {
  if (bytes.includes(0)) return false;
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return !/<\s*(script|html|svg|!doctype)/i.test(text);
  } catch {
    return false;
  }
}

/** The name part of an object key: the original name reduced to safe characters. */
export function safeFilename(filename: string): string {
  const cleaned = filename.normalize("NFKD").replace(/[^A-Za-z0-9._-]+/g, "-").replace(/^[.-]+/, "").slice(-80);
  return cleaned === "" ? "file" : cleaned;
}
