import { z } from "zod";

export const PROPERTY_STATUSES = ["available", "under_contract", "sold", "rented", "off_market"] as const;
export const PROPERTY_TYPES = ["house", "apartment", "condo", "townhouse", "land", "commercial"] as const;

/** A form's empty field means "no value": "" becomes null (optional fields) or is refused (required ones). */
const blankAsNull = (value: unknown) => (typeof value === "string" && value.trim() === "" ? null : value);
const blankAsMissing = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

function optionalNumber(schema: z.ZodCoercedNumber) {
  return z.preprocess(blankAsNull, schema.nullable().optional());
}

const propertyFields = z.object({
  name: z.string({ error: "Enter a name" }).trim().min(2, "Name must be at least 2 characters").max(200, "Name must be at most 200 characters"),
  address: z.string({ error: "Enter an address" }).trim().min(3, "Address is required").max(300, "Address must be at most 300 characters"),
  price: z.preprocess(
    blankAsMissing,
    z.coerce.number({ error: "Enter a price" }).nonnegative("Price cannot be negative").max(999_999_999_999, "Price is too large"),
  ),
  status: z.enum(PROPERTY_STATUSES, { error: `Status must be one of: ${PROPERTY_STATUSES.join(", ")}` }),
  type: z.enum(PROPERTY_TYPES, { error: `Type must be one of: ${PROPERTY_TYPES.join(", ")}` }),
  bedrooms: optionalNumber(z.coerce.number({ error: "Bedrooms must be a whole number" }).int("Bedrooms must be a whole number").min(0, "Bedrooms cannot be negative").max(1000)),
  bathrooms: optionalNumber(z.coerce.number({ error: "Bathrooms must be a number" }).min(0, "Bathrooms cannot be negative").max(1000).multipleOf(0.5, "Bathrooms go in steps of 0.5")),
  area: optionalNumber(z.coerce.number({ error: "Area must be a number" }).min(0, "Area cannot be negative").max(99_999_999)),
  description: z.preprocess(blankAsNull, z.string().trim().max(10_000, "Description must be at most 10,000 characters").nullable().optional()),
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

const optionalPrice = z.preprocess(blankAsMissing, z.coerce.number().nonnegative().optional());

/** Orders of the staff list; each is keyset-paginated on (sort key, id) with its own index. */
export const PROPERTY_SORTS = ["newest", "oldest", "price_asc", "price_desc", "name_asc"] as const;
export type PropertySort = (typeof PROPERTY_SORTS)[number];
export const PROPERTY_SORT_LABELS: Record<PropertySort, string> = {
  newest: "Newest first",
  oldest: "Oldest first",
  price_asc: "Price, low to high",
  price_desc: "Price, high to low",
  name_asc: "Name, A to Z",
};

export const propertyListQuerySchema = z
  .object({
    limit: z.preprocess((value) => (value === "" ? undefined : value), z.coerce.number().int().min(1).max(100).default(25)),
    cursor: z.preprocess(blankAsMissing, z.string().max(600).optional()),
    q: z.preprocess(blankAsMissing, z.string().trim().max(200).optional()),
    status: z.preprocess(blankAsMissing, z.enum(PROPERTY_STATUSES).optional()),
    type: z.preprocess(blankAsMissing, z.enum(PROPERTY_TYPES).optional()),
    minPrice: optionalPrice,
    maxPrice: optionalPrice,
    sort: z.preprocess(blankAsMissing, z.enum(PROPERTY_SORTS).default("newest")),
  })
  .refine((query) => query.minPrice === undefined || query.maxPrice === undefined || query.minPrice <= query.maxPrice, {
    message: "maxPrice cannot be below minPrice",
    path: ["maxPrice"],
  });
export type PropertyListQuery = z.input<typeof propertyListQuerySchema>;
/** A list query as propertyListQuerySchema parsed it (defaults applied). */
export type ParsedPropertyListQuery = z.output<typeof propertyListQuerySchema>;

export interface PropertyPage {
  data: PropertyView[];
  nextCursor: string | null;
}
