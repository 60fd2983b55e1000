import { z } from "zod";
import { TENANT_SCHEMA, tenantSql } from "@/lib/db/tenant-client";
import { AppError } from "@/lib/errors/app-error";
import type { TenantRequestContext } from "@/lib/tenancy/context";
import { propertyListQuerySchema, type ParsedPropertyListQuery, type PropertyListQuery, type PropertyPage, type PropertySort, type PropertyView } from "./property-schema";

type SortKey = "createdAt" | "price" | "name";

const SORT_ORDER: Record<PropertySort, { key: SortKey; direction: "asc" | "desc" }> = {
  newest: { key: "createdAt", direction: "desc" },
  oldest: { key: "createdAt", direction: "asc" },
  price_asc: { key: "price", direction: "asc" },
  price_desc: { key: "price", direction: "desc" },
  name_asc: { key: "name", direction: "asc" },
};

/** Where a page ended, for one sort: a cursor made for another sort is refused rather than misread. */
const cursorSchema = z.object({ sort: z.enum(Object.keys(SORT_ORDER) as [PropertySort, ...PropertySort[]]), value: z.string().max(300), id: z.uuid() });
type Cursor = z.infer<typeof cursorSchema>;

function sortValue(view: PropertyView, key: SortKey): string {
  return key === "createdAt" ? view.createdAt : key === "price" ? view.price : view.name;
}

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString("base64url");
}

function invalidCursor(): AppError {
  return new AppError({ code: "validation_failed", message: "Invalid cursor", fieldErrors: { cursor: ["Invalid cursor: start again from the first page"] } });
}

function decodeCursor(raw: string, sort: PropertySort): Cursor {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(raw, "base64url").toString());
  } catch {
    throw invalidCursor();
  }
  const parsed = cursorSchema.safeParse(json);
  if (!parsed.success || parsed.data.sort !== sort) throw invalidCursor();
  const { key } = SORT_ORDER[sort];
  if (key === "createdAt" && Number.isNaN(new Date(parsed.data.value).getTime())) throw invalidCursor();
  if (key === "price" && !/^\d{1,12}(\.\d{1,2})?$/.test(parsed.data.value)) throw invalidCursor();
  return parsed.data;
}

const SORT_COLUMNS: Record<SortKey, { column: string; type: string }> = {
  createdAt: { column: "created_at", type: "timestamptz" },
  price: { column: "price", type: "numeric" },
  name: { column: "name", type: "text" },
};

/** `q` matches as a literal substring: LIKE's wildcards and escape character in it match only themselves. */
function containsPattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}

interface PropertyRow {
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
  published: boolean;
  published_at: string | null;
  created_at: string;
}

// The columns as toPropertyView renders them (tested against it): price with its two decimals, other
// decimals without trailing zeros (Prisma's Decimal#toString), times as toISOString (UTC, milliseconds).
// The text columns keep the table columns' names, so ORDER BY and the cursor name the table's (p.*).
const ISO = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;
const COLUMNS = `id, name, address, price::text AS price, status, type, bedrooms, trim_scale(bathrooms)::text AS bathrooms,
  trim_scale(area)::text AS area, description, published, to_char(published_at AT TIME ZONE 'UTC', ${ISO}) AS published_at,
  to_char(created_at AT TIME ZONE 'UTC', ${ISO}) AS created_at`;

/**
 * Keyset-paginated on (sort key, id): pages stay stable while rows are added, and deep pages cost the
 * same as the first (each sort has its index, see tenant migration 0003). Raw SQL through tenantSql (the
 * API's hottest read: Prisma's per-query work was most of its cost), pinned to the tenant's schema.
 */
export async function findPropertiesPage(
  context: Pick<TenantRequestContext, "tenant">,
  rawQuery: PropertyListQuery = {},
): Promise<PropertyPage> {
  const parsed = propertyListQuerySchema.safeParse(rawQuery);
  if (!parsed.success) throw AppError.fromZod(parsed.error, "Invalid query");
  return propertiesPage(context, parsed.data);
}

/** findPropertiesPage for a query propertyListQuerySchema already parsed (the API route's, by withTenant). */
export async function propertiesPage(context: Pick<TenantRequestContext, "tenant">, query: ParsedPropertyListQuery): Promise<PropertyPage> {
  const { key, direction } = SORT_ORDER[query.sort];
  const { column, type } = SORT_COLUMNS[key];
  const values: unknown[] = [];
  const param = (value: unknown) => `$${values.push(value)}`;
  const where: string[] = [];
  if (query.q) {
    const pattern = param(containsPattern(query.q));
    where.push(`(name ILIKE ${pattern} OR address ILIKE ${pattern})`);
  }
  if (query.status) where.push(`status = ${param(query.status)}`);
  if (query.type) where.push(`type = ${param(query.type)}`);
  if (query.minPrice !== undefined) where.push(`price >= ${param(query.minPrice)}::numeric`);
  if (query.maxPrice !== undefined) where.push(`price <= ${param(query.maxPrice)}::numeric`);
  if (query.cursor) {
    const cursor = decodeCursor(query.cursor, query.sort);
    where.push(`(p.${column}, p.id) ${direction === "asc" ? ">" : "<"} (${param(cursor.value)}::${type}, ${param(cursor.id)}::uuid)`);
  }
  const order = direction === "asc" ? "ASC" : "DESC";
  const rows = await tenantSql<PropertyRow>(
    context.tenant,
    `SELECT ${COLUMNS} FROM ${TENANT_SCHEMA}.properties p${where.length > 0 ? ` WHERE ${where.join(" AND ")}` : ""}
      ORDER BY p.${column} ${order}, p.id ${order} LIMIT ${param(query.limit + 1)}`,
    values,
  );
  const data = rows.slice(0, query.limit).map(
    (row): PropertyView => ({
      id: row.id,
      name: row.name,
      address: row.address,
      price: row.price,
      status: row.status,
      type: row.type,
      bedrooms: row.bedrooms,
      bathrooms: row.bathrooms,
      area: row.area,
      description: row.description,
      published: row.published,
      publishedAt: row.published_at,
      createdAt: row.created_at,
    }),
  );
  const last = data.at(-1);
  return { data, nextCursor: rows.length > query.limit && last ? encodeCursor({ sort: query.sort, value: sortValue(last, key), id: last.id }) : null };
}
