import { z } from "zod";
import type { Property } from "@/lib/db/generated/tenant/client";
import { decodeCursor, pageQueryFields } from "@/lib/pagination/keyset-cursor";
import { PROPERTY_TYPES } from "@/lib/properties/property-schema";
import { toListingFields } from "@/lib/properties/to-property-view";
import { portalPhotoPath } from "./portal-photo-path";

const blankAsMissing = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

function isCursor(cursor: string): boolean {
  try {
    decodeCursor(cursor);
    return true;
  } catch {
    return false;
  }
}

function optionalPrice(label: string) {
  return z.preprocess(
    blankAsMissing,
    z.coerce
      .number({ error: `${label} must be a number` })
      .nonnegative(`${label} cannot be negative`)
      .max(999_999_999_999, `${label} is too large`)
      .optional(),
  );
}

/** The portal's search: what a visitor may filter on. The home page and the portal API read the same query. */
export const portalPropertyQuerySchema = z
  .object({
    ...pageQueryFields,
    cursor: z.preprocess(blankAsMissing, z.string().max(200, "Invalid cursor").refine(isCursor, "Invalid cursor").optional()),
    q: z.preprocess(blankAsMissing, z.string().trim().max(200, "Search text must be at most 200 characters").optional()),
    type: z.preprocess(blankAsMissing, z.enum(PROPERTY_TYPES, { error: `Type must be one of: ${PROPERTY_TYPES.join(", ")}` }).optional()),
    minPrice: optionalPrice("Min price"),
    maxPrice: optionalPrice("Max price"),
    minBedrooms: z.preprocess(
      blankAsMissing,
      z.coerce
        .number({ error: "Bedrooms must be a whole number" })
        .int("Bedrooms must be a whole number")
        .min(0, "Bedrooms cannot be negative")
        .max(1000, "Bedrooms must be at most 1000")
        .optional(),
    ),
  })
  .refine((query) => query.minPrice === undefined || query.maxPrice === undefined || query.minPrice <= query.maxPrice, {
    message: "Min price cannot be above max price",
    path: ["minPrice"],
  });
export type PortalPropertyQuery = z.input<typeof portalPropertyQuerySchema>;
export type ParsedPortalPropertyQuery = z.output<typeof portalPropertyQuerySchema>;

/** The filters a visitor can set (everything but paging), in the order the form shows them. */
export const PORTAL_FILTER_FIELDS = ["q", "type", "minPrice", "maxPrice", "minBedrooms"] as const;
export type PortalFilterField = (typeof PORTAL_FILTER_FIELDS)[number];

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
  /** Path of the listing's cover photo on this tenant's host, or null when staff chose none. */
  photoUrl: string | null;
  /** Paths of every listing photo, cover first (the gallery). */
  photoUrls: string[];
}

export function toPublicPropertyView(property: Property, photoDocumentIds: readonly string[] = []): PublicPropertyView {
  return {
    ...toListingFields(property),
    listedAt: property.publishedAt?.toISOString() ?? null,
    photoUrl: photoDocumentIds[0] ? portalPhotoPath(photoDocumentIds[0]) : null,
    photoUrls: photoDocumentIds.map(portalPhotoPath),
  };
}
