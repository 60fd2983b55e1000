import type { Prisma } from "@/lib/db/generated/tenant/client";
import { forTenant } from "@/lib/db/tenant-client";
import { AppError } from "@/lib/errors/app-error";
import type { TenantRequestContext } from "@/lib/tenancy/context";
import { propertyListQuerySchema, type PropertyListQuery, type PropertyPage, type PropertyView } from "./property-schema";
import { toPropertyView } from "./to-property-view";

interface Cursor {
  createdAt: Date;
  id: string;
}

function encodeCursor(view: PropertyView): string {
  return Buffer.from(`${view.createdAt}|${view.id}`).toString("base64url");
}

function decodeCursor(cursor: string): Cursor {
  const [createdAt, id] = Buffer.from(cursor, "base64url").toString().split("|");
  const date = new Date(createdAt ?? "");
  if (!id || !/^[0-9a-f-]{36}$/.test(id) || Number.isNaN(date.getTime())) {
    throw new AppError({ code: "validation_failed", message: "Invalid cursor", fieldErrors: { cursor: ["Invalid cursor"] } });
  }
  return { createdAt: date, id };
}

/**
 * Newest first, keyset-paginated on (created_at, id): pages stay stable while rows are added, and
 * deep pages cost the same as the first.
 */
export async function findPropertiesPage(
  context: Pick<TenantRequestContext, "tenant">,
  rawQuery: PropertyListQuery = {},
  scope: { publishedOnly?: boolean } = {},
): Promise<PropertyPage> {
  const parsed = propertyListQuerySchema.safeParse(rawQuery);
  if (!parsed.success) throw AppError.fromZod(parsed.error, "Invalid query");
  const query = parsed.data;
  const and: Prisma.PropertyWhereInput[] = scope.publishedOnly ? [{ published: true }] : [];
  if (query.q) and.push({ OR: [{ name: { contains: query.q, mode: "insensitive" } }, { address: { contains: query.q, mode: "insensitive" } }] });
  if (query.status) and.push({ status: query.status });
  if (query.minPrice !== undefined) and.push({ price: { gte: query.minPrice } });
  if (query.maxPrice !== undefined) and.push({ price: { lte: query.maxPrice } });
  if (query.cursor) {
    const cursor = decodeCursor(query.cursor);
    and.push({ OR: [{ createdAt: { lt: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { lt: cursor.id } }] });
  }
  const rows = await forTenant(context.tenant).property.findMany({
    where: { AND: and },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: query.limit + 1,
  });
  const data = rows.slice(0, query.limit).map(toPropertyView);
  const last = data.at(-1);
  return { data, nextCursor: rows.length > query.limit && last ? encodeCursor(last) : null };
}

/** The portal's listing: published properties only, newest first. */
export async function listPublishedProperties(context: Pick<TenantRequestContext, "tenant">, options: { limit?: number } = {}): Promise<PropertyView[]> {
  return (await findPropertiesPage(context, { limit: Math.min(Math.max(options.limit ?? 50, 1), 100) }, { publishedOnly: true })).data;
}
