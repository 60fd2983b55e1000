import { getDocumentDownloadUrl } from "@/lib/documents/get-document-download-url";
import { withTenant } from "@/lib/http/with-tenant";

/** 302 to a 5-minute presigned URL of the object. */
export const GET = withTenant(async ({ context, params }) => new Response(null, { status: 302, headers: { location: await getDocumentDownloadUrl(context, params.id ?? ""), "cache-control": "no-store" } }), {
  permission: "document:read",
});
