import { AppError } from "@/lib/errors/app-error";

export const DOCUMENT_MAX_BYTES = 20 * 1024 * 1024;

export const IMAGE_CONTENT_TYPES = ["image/png", "image/jpeg", "image/gif", "image/webp"] as const;

export interface DetectedType {
  contentType: string;
  extension: string;
  image: boolean;
}

const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

const ascii = (text: string) => [...text].map((character) => character.charCodeAt(0));
const startsWith = (bytes: Uint8Array, signature: number[], offset = 0) => signature.every((byte, index) => bytes[offset + index] === byte);

/** ZIP stores entry names uncompressed (local headers and central directory), so an Office file's parts can be found by name. */
function zipHasEntries(bytes: Uint8Array, ...names: string[]): boolean {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return names.every((name) => buffer.includes(name, 0, "latin1"));
}

/**
 * What a file is, from its bytes: PDF, PNG, JPEG, GIF, WebP, and, where the bytes alone cannot say,
 * its name too: DOCX/XLSX (a ZIP with Word or Excel parts and that extension), plain text/CSV (valid
 * UTF-8, no NUL, no markup, `.txt`/`.csv`). Anything else — SVG and HTML included — is refused. The
 * type the client declared is never consulted.
 */
export function detectDocumentType(bytes: Uint8Array, filename: string): DetectedType {
  const extension = filename.includes(".") ? (filename.toLowerCase().split(".").pop() ?? "") : "";
  if (startsWith(bytes, ascii("%PDF-"))) return { contentType: "application/pdf", extension: "pdf", image: false };
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { contentType: "image/png", extension: "png", image: true };
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return { contentType: "image/jpeg", extension: "jpg", image: true };
  if (startsWith(bytes, ascii("GIF87a")) || startsWith(bytes, ascii("GIF89a"))) return { contentType: "image/gif", extension: "gif", image: true };
  if (startsWith(bytes, ascii("RIFF")) && startsWith(bytes, ascii("WEBP"), 8)) return { contentType: "image/webp", extension: "webp", image: true };
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    if (extension === "docx" && zipHasEntries(bytes, "[Content_Types].xml", "word/")) return { contentType: DOCX, extension, image: false };
    if (extension === "xlsx" && zipHasEntries(bytes, "[Content_Types].xml", "xl/")) return { contentType: XLSX, extension, image: false };
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

/** Text a browser could not mistake for a page: no NUL, strict UTF-8, and no HTML/SVG markup. */
function isPlainUtf8(bytes: Uint8Array): boolean {
  if (bytes.includes(0)) return false;
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return !/<\s*(script|html|svg|!doctype)/i.test(text);
  } catch {
    return false;
  }
}

/** The name part of an object key: the original name reduced to [A-Za-z0-9._-], without dot runs (keys refuse `..`). */
export function safeFilename(filename: string): string {
  const cleaned = filename
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^A-Za-z0-9._-]+/g, "-")
    .replace(/\.{2,}/g, ".")
    .replace(/^[.-]+/, "")
    .slice(-80);
  return cleaned === "" ? "file" : cleaned;
}
