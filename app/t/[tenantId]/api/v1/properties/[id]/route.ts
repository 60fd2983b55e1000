import { withTenant } from "@/lib/http/with-tenant";
import { deleteProperty } from "@/lib/properties/delete-property";
import { getProperty } from "@/lib/properties/get-property";
import { propertyUpdateSchema } from "@/lib/properties/property-schema";
import { updateProperty } from "@/lib/properties/update-property";

export const GET = withTenant(({ context, params }) => getProperty(context, params.id ?? ""), { permission: "property:read" });

export const PATCH = withTenant(({ context, identity, params, body }) => updateProperty(context, identity, params.id ?? "", body), {
  permission: "property:edit",
  body: propertyUpdateSchema,
});

export const DELETE = withTenant(
  async ({ context, identity, params }) => {
    await deleteProperty(context, identity, params.id ?? "");
    return new Response(null, { status: 204 });
  },
  { permission: "property:delete" },
);
