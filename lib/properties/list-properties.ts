import { z } from "zod";
import type { Prisma } from "@/lib/db/generated/tenant/client";
import { forTenant } from "@/lib/db/tenant-client";
import { AppError } from "@/lib/errors/app-error";
import type { TenantRequestContext } from "@/lib/tenancy/context";
import { propertyListQuerySchema, type PropertyListQuery, type PropertyPage, type PropertySort, type PropertyView } from "./property-schema";
import { toPropertyView } from "./to-property-view";

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

/** Rows after the cursor in (key, id) order, ties broken by id in the same direction. */
function afterCursor(cursor: Cursor, key: SortKey, direction: "asc" | "desc"): Prisma.PropertyWhereInput {
  const beyond = direction === "asc" ? "gt" : "lt";
  const value = key === "createdAt" ? new Date(cursor.value) : cursor.value;
  return { OR: [{ [key]: { [beyond]: value } }, { [key]: value, id: { [beyond]: cursor.id } }] };
}

/**
 * Keyset-paginated on (sort key, id): pages stay stable while rows are added, and deep pages cost the
 * same as the first (each sort has its index, see tenant migration 0003).
 */
export async function findPropertiesPage(
  context: Pick<TenantRequestContext, "tenant">,
  rawQuery: PropertyListQuery = {},
): Promise<PropertyPage> {
  const parsed = propertyListQuerySchema.safeParse(rawQuery);
  if (!parsed.success) throw AppError.fromZod(parsed.error, "Invalid query");
  const query = parsed.data;
  const { key, direction } = SORT_ORDER[query.sort];
  const and: Prisma.PropertyWhereInput[] = [];
  if (query.q) and.push({ OR: [{ name: { contains: query.q, mode: "insensitive" } }, { address: { contains: query.q, mode: "insensitive" } }] });
  if (query.status) and.push({ status: query.status });
  if (query.type) and.push({ type: query.type });
  if (query.minPrice !== undefined) and.push({ price: { gte: query.minPrice } });
  if (query.maxPrice !== undefined) and.push({ price: { lte: query.maxPrice } });
  if (query.cursor) and.push(afterCursor(decodeCursor(query.cursor, query.sort), key, direction));
  const rows = await forTenant(context.tenant).property.findMany({
    where: { AND: and },
    orderBy: [{ [key]: direction }, { id: direction }],
    take: query.limit + 1,
  });
  const data = rows.slice(0, query.limit).map(toPropertyView);
  const last = data.at(-1);
  return { data, nextCursor: rows.length > query.limit && last ? encodeCursor({ sort: query.sort, value: sortValue(last, key), id: last.id }) : null };
}
