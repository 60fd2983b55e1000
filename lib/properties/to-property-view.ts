import type { Property } from "@/lib/db/generated/tenant/client";
import type { PropertyView } from "./property-schema";

/** The listing's own fields, shaped alike for staff (PropertyView) and the public portal. */
export function toListingFields(property: Property) {
  return {
    id: property.id,
    name: property.name,
    address: property.address,
    price: property.price.toFixed(2),
    status: property.status,
    type: property.type,
    bedrooms: property.bedrooms,
    bathrooms: property.bathrooms?.toString() ?? null,
    area: property.area?.toString() ?? null,
    description: property.description,
  };
}

export function toPropertyView(property: Property): PropertyView {
  return {
    ...toListingFields(property),
    published: property.published,
    publishedAt: property.publishedAt?.toISOString() ?? null,
    createdAt: property.createdAt.toISOString(),
  };
}
