import { documentListQuerySchema } from "@/lib/documents/document-schema";
import { findDocumentsPage } from "@/lib/documents/list-documents";
import { readUploadForm } from "@/lib/documents/read-upload-form";
import { uploadDocument } from "@/lib/documents/upload-document";
import { withTenant } from "@/lib/http/with-tenant";

export const GET = withTenant(({ context, query }) => findDocumentsPage(context, query), { permission: "document:read", query: documentListQuerySchema });

/** multipart/form-data: `file` (at most 20 MB), optional `propertyId`. */
export const POST = withTenant(
  async ({ request, context, identity }) => {
    const { file, propertyId } = await readUploadForm(request);
    const document = await uploadDocument(context, identity, { filename: file.name, bytes: new Uint8Array(await file.arrayBuffer()), propertyId });
    return Response.json(document, { status: 201 });
  },
  { permission: "document:create" },
);
