import { withTenant } from "@/lib/http/with-tenant";
import { createProperty } from "@/lib/properties/create-property";
import { propertiesPage } from "@/lib/properties/list-properties";
import { propertyInputSchema, propertyListQuerySchema } from "@/lib/properties/property-schema";

export const GET = withTenant(({ context, query }) => propertiesPage(context, query), {
  permission: "property:read",
  query: propertyListQuerySchema,
});

export const POST = withTenant(async ({ context, identity, body }) => Response.json(await createProperty(context, identity, body), { status: 201 }), {
  permission: "property:create",
  body: propertyInputSchema,
});
