import { forTenant } from "@/lib/db/tenant-client";
import { AppError } from "@/lib/errors/app-error";
import type { TenantRequestContext } from "@/lib/tenancy/context";
import { propertyInputSchema, type PropertyInput, type PropertyView } from "./property-schema";
import { toPropertyView } from "./to-property-view";

export async function createProperty(context: Pick<TenantRequestContext, "tenant">, rawInput: PropertyInput): Promise<PropertyView> {
  const parsed = propertyInputSchema.safeParse(rawInput);
  if (!parsed.success) throw AppError.fromZod(parsed.error, "Cannot create property");
  const { bedrooms, bathrooms, area, description, published, ...rest } = parsed.data;
  const row = await forTenant(context.tenant).property.create({
    data: {
      ...rest,
      bedrooms: bedrooms ?? null,
      bathrooms: bathrooms ?? null,
      area: area ?? null,
      description: description ?? null,
      published: published ?? false,
      publishedAt: published ? new Date() : null,
    },
  });
  return toPropertyView(row);
}
