import { forTenant } from "@/lib/db/tenant-client";
import { AppError } from "@/lib/errors/app-error";
import type { TenantRequestContext } from "@/lib/tenancy/context";
import { olderThan, toPage, type Page } from "@/lib/pagination/keyset-cursor";
import { myEnquiriesQuerySchema, type MyEnquiriesQuery, type MyEnquiryView } from "./lead-schema";

/** A signed-in customer's own enquiries in this tenant, newest first; never anyone else's. */
export async function listMyEnquiries(
  context: Pick<TenantRequestContext, "tenant">,
  customerUserId: string,
  rawQuery: MyEnquiriesQuery = {},
): Promise<Page<MyEnquiryView>> {
  const parsed = myEnquiriesQuerySchema.safeParse(rawQuery);
  if (!parsed.success) throw AppError.fromZod(parsed.error, "Invalid query");
  const query = parsed.data;
  const rows = await forTenant(context.tenant).lead.findMany({
    where: { AND: [{ customerUserId }, ...(query.cursor ? [olderThan(query.cursor)] : [])] },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: query.limit + 1,
    include: { property: { select: { name: true } } },
  });
  return toPage(rows, query.limit, (row) => ({
    id: row.id,
    propertyId: row.propertyId,
    propertyName: row.property?.name ?? null,
    message: row.message,
    status: row.status,
    createdAt: row.createdAt.toISOString(),
  }));
}
