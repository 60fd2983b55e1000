import { deleteDocument } from "@/lib/documents/delete-document";
import { withTenant } from "@/lib/http/with-tenant";

export const DELETE = withTenant(
  async ({ context, identity, params }) => {
    await deleteDocument(context, identity, params.id ?? "");
    return new Response(null, { status: 204 });
  },
  { permission: "document:delete" },
);
