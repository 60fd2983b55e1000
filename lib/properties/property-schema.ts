import { z } from "zod";

export const PROPERTY_STATUSES = ["available", "under_contract", "sold", "rented", "off_market"] as const;
export const PROPERTY_TYPES = ["house", "apartment", "condo", "townhouse", "land", "commercial"] as const;

const propertyFields = z.object({
  name: z.string().trim().min(2, "Name must be at least 2 characters").max(200),
  address: z.string().trim().min(3, "Address is required").max(300),
  price: z.coerce.number().nonnegative("Price cannot be negative").max(999_999_999_999),
  status: z.enum(PROPERTY_STATUSES),
  type: z.enum(PROPERTY_TYPES),
  bedrooms: z.coerce.number().int().min(0).max(1000).nullable().optional(),
  bathrooms: z.coerce.number().min(0).max(1000).multipleOf(0.5).nullable().optional(),
  area: z.coerce.number().min(0).max(99_999_999).nullable().optional(),
  description: z.string().trim().max(10_000).nullable().optional(),
  published: z.boolean().optional(),
});

/** One schema for a property, shared by forms, the API and the CLI. */
export const propertyInputSchema = propertyFields.extend({ status: propertyFields.shape.status.default("available") });
export type PropertyInput = z.input<typeof propertyInputSchema>;

export interface PropertyView {
  id: string;
  name: string;
  address: string;
  price: string;
  status: (typeof PROPERTY_STATUSES)[number] | string;
  type: string;
  bedrooms: number | null;
  bathrooms: string | null;
  area: string | null;
  description: string | null;
  published: boolean;
  publishedAt: string | null;
  createdAt: string;
}

export const propertyUpdateSchema = propertyFields.partial().refine((input) => Object.keys(input).length > 0, "Send at least one field to change");
export type PropertyUpdate = z.input<typeof propertyUpdateSchema>;

const optionalNumber = z.preprocess((value) => (value === "" || value === undefined ? undefined : value), z.coerce.number().nonnegative().optional());

export const propertyListQuerySchema = z
  .object({
    limit: z.preprocess((value) => (value === "" ? undefined : value), z.coerce.number().int().min(1).max(100).default(25)),
    cursor: z.string().max(200).optional(),
    q: z.string().trim().max(200).optional(),
    status: z.enum(PROPERTY_STATUSES).optional(),
    minPrice: optionalNumber,
    maxPrice: optionalNumber,
  })
  .refine((query) => query.minPrice === undefined || query.maxPrice === undefined || query.minPrice <= query.maxPrice, {
    message: "minPrice cannot be above maxPrice",
    path: ["minPrice"],
  });
export type PropertyListQuery = z.input<typeof propertyListQuerySchema>;

export interface PropertyPage {
  data: PropertyView[];
  nextCursor: string | null;
}
