import { z } from "zod";
import type { Property } from "@/lib/db/generated/tenant/client";
import { pageQueryFields } from "@/lib/pagination/keyset-cursor";
import { PROPERTY_TYPES } from "@/lib/properties/property-schema";

const optionalNumber = z.preprocess((value) => (value === "" ? undefined : value), z.coerce.number().nonnegative().optional());
const optionalText = z.preprocess((value) => (value === "" ? undefined : value), z.string().trim().max(200).optional());

/** The portal's search: what a visitor may filter on. */
export const portalPropertyQuerySchema = z
  .object({
    ...pageQueryFields,
    q: optionalText,
    type: z.preprocess((value) => (value === "" ? undefined : value), z.enum(PROPERTY_TYPES).optional()),
    minPrice: optionalNumber,
    maxPrice: optionalNumber,
    minBedrooms: z.preprocess((value) => (value === "" ? undefined : value), z.coerce.number().int().min(0).max(1000).optional()),
  })
  .refine((query) => query.minPrice === undefined || query.maxPrice === undefined || query.minPrice <= query.maxPrice, {
    message: "minPrice cannot be above maxPrice",
    path: ["minPrice"],
  });
export type PortalPropertyQuery = z.input<typeof portalPropertyQuerySchema>;

/** A listing as the public sees it: no publication bookkeeping, no row timestamps, nothing staff-only. */
export interface PublicPropertyView {
  id: string;
  name: string;
  address: string;
  price: string;
  status: string;
  type: string;
  bedrooms: number | null;
  bathrooms: string | null;
  area: string | null;
  description: string | null;
  listedAt: string | null;
}

export function toPublicPropertyView(property: Property): PublicPropertyView {
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
    listedAt: property.publishedAt?.toISOString() ?? null,
  };
}
