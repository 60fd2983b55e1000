import { z } from "zod";

export const PROPERTY_STATUSES = ["available", "under_contract", "sold", "rented", "off_market"] as const;
export const PROPERTY_TYPES = ["house", "apartment", "condo", "townhouse", "land", "commercial"] as const;

/** One schema for a property, shared by forms, the API and the CLI. */
export const propertyInputSchema = z.object({
  name: z.string().trim().min(2, "Name must be at least 2 characters").max(200),
  address: z.string().trim().min(3, "Address is required").max(300),
  price: z.coerce.number().nonnegative("Price cannot be negative").max(999_999_999_999),
  status: z.enum(PROPERTY_STATUSES).default("available"),
  type: z.enum(PROPERTY_TYPES),
  bedrooms: z.coerce.number().int().min(0).max(1000).nullable().optional(),
  bathrooms: z.coerce.number().min(0).max(1000).multipleOf(0.5).nullable().optional(),
  area: z.coerce.number().min(0).max(99_999_999).nullable().optional(),
  description: z.string().trim().max(10_000).nullable().optional(),
});
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
  createdAt: string;
}
