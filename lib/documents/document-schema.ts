import { z } from "zod";

export { DOCUMENT_MAX_BYTES, IMAGE_CONTENT_TYPES } from "./document-type";

const emptyToUndefined = (value: unknown) => (value === "" || value === null ? undefined : value);

/** The fields sent beside the file; the file's type and size are checked on its bytes (document-type.ts). */
export const documentUploadSchema = z.object({
  filename: z
    .string()
    .trim()
    .min(1, "The file needs a name")
    .max(255, "Rename the file to at most 255 characters")
    .refine((name) => !/[\u0000-\u001f\u007f]/.test(name), "The file name contains control characters"),
  propertyId: z.preprocess(emptyToUndefined, z.uuid("Choose a property").optional()),
});
export type DocumentUpload = z.input<typeof documentUploadSchema>;

export const documentListQuerySchema = z.object({
  propertyId: z.preprocess(emptyToUndefined, z.uuid("Not a property id").optional()),
  limit: z.preprocess((value) => (value === "" ? undefined : value), z.coerce.number().int().min(1).max(100).default(50)),
  cursor: z.string().max(200).optional(),
});
export type DocumentListQuery = z.input<typeof documentListQuerySchema>;

export interface DocumentView {
  id: string;
  propertyId: string | null;
  filename: string;
  contentType: string;
  size: number;
  createdAt: string;
}

export interface DocumentPage {
  data: DocumentView[];
  nextCursor: string | null;
}
