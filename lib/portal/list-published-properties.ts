import type { Prisma } from "@/lib/db/generated/tenant/client";
import { forTenant } from "@/lib/db/tenant-client";
import { AppError } from "@/lib/errors/app-error";
import { olderThan, toPage, type Page } from "@/lib/pagination/keyset-cursor";
import type { TenantRequestContext } from "@/lib/tenancy/context";
import { listingPhotosByProperty } from "./listing-photos-by-property";
import { portalPropertyQuerySchema, toPublicPropertyView, type PortalPropertyQuery, type PublicPropertyView } from "./portal-property-schema";

/** The portal's listing: published properties of this tenant only, newest first, keyset-paginated, each with its listing photos (cover first). */
export async function findPublishedPropertiesPage(context: Pick<TenantRequestContext, "tenant">, rawQuery: PortalPropertyQuery = {}): Promise<Page<PublicPropertyView>> {
  const parsed = portalPropertyQuerySchema.safeParse(rawQuery);
  if (!parsed.success) throw AppError.fromZod(parsed.error, "Invalid query");
  const query = parsed.data;
  const and: Prisma.PropertyWhereInput[] = [{ published: true }];
  if (query.q) and.push({ OR: [{ name: { contains: query.q, mode: "insensitive" } }, { address: { contains: query.q, mode: "insensitive" } }] });
  if (query.type) and.push({ type: query.type });
  if (query.minPrice !== undefined) and.push({ price: { gte: query.minPrice } });
  if (query.maxPrice !== undefined) and.push({ price: { lte: query.maxPrice } });
  if (query.minBedrooms !== undefined) and.push({ bedrooms: { gte: query.minBedrooms } });
  if (query.cursor) and.push(olderThan(query.cursor));
  const rows = await forTenant(context.tenant).property.findMany({
    where: { AND: and },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: query.limit + 1,
  });
  const photos = await listingPhotosByProperty(context, rows.slice(0, query.limit).map((row) => row.id));
  return toPage(rows, query.limit, (row) => toPublicPropertyView(row, photos.get(row.id)));
}
