import { z } from "zod";
import { listDocuments } from "@/lib/documents/list-documents";
import { uploadDocument } from "@/lib/documents/upload-document";
import { DOCUMENT_MAX_BYTES } from "@/lib/documents/document-type";
import { AppError } from "@/lib/errors/app-error";
import { withTenant } from "@/lib/http/with-tenant";

export const GET = withTenant(async ({ context, query }) => ({ data: await listDocuments(context, { propertyId: query.propertyId }) }), {
  permission: "document:read",
  query: z.object({ propertyId: z.uuid().optional() }),
});

/** multipart/form-data: `file`, optional `propertyId`. */
export const POST = withTenant(
  async ({ request, context, identity }) => {
    if (Number(request.headers.get("content-length") ?? "0") > DOCUMENT_MAX_BYTES + 64 * 1024) {
      throw new AppError({ code: "validation_failed", message: "Files can be at most 20 MB", fieldErrors: { file: ["At most 20 MB"] } });
    }
    const form = await request.formData().catch(() => {
      throw new AppError({ code: "bad_request", message: "Send multipart/form-data with a file" });
    });
    const file = form.get("file");
    if (!(file instanceof File)) throw new AppError({ code: "validation_failed", message: "Choose a file", fieldErrors: { file: ["Choose a file"] } });
    const propertyId = form.get("propertyId");
    const document = await uploadDocument(context, identity, { filename: file.name, bytes: new Uint8Array(await file.arrayBuffer()) }, typeof propertyId === "string" && propertyId !== "" ? propertyId : null);
    return Response.json(document, { status: 201 });
  },
  { permission: "document:create" },
);
