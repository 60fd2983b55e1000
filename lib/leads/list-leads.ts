import type { Prisma } from "@/lib/db/generated/tenant/client";
import { forTenant } from "@/lib/db/tenant-client";
import { AppError } from "@/lib/errors/app-error";
import type { TenantRequestContext } from "@/lib/tenancy/context";
import { olderThan, toPage, type Page } from "@/lib/pagination/keyset-cursor";
import { leadListQuerySchema, type LeadListQuery, type LeadView } from "./lead-schema";
import { toLeadView } from "./lead-view";

/** Staff's lead inbox: newest first, optionally by status or property, keyset-paginated on (created_at, id). */
export async function findLeadsPage(context: Pick<TenantRequestContext, "tenant">, rawQuery: LeadListQuery = {}): Promise<Page<LeadView>> {
  const parsed = leadListQuerySchema.safeParse(rawQuery);
  if (!parsed.success) throw AppError.fromZod(parsed.error, "Invalid query");
  const query = parsed.data;
  const and: Prisma.LeadWhereInput[] = [];
  if (query.status) and.push({ status: query.status });
  if (query.propertyId) and.push({ propertyId: query.propertyId });
  if (query.cursor) and.push(olderThan(query.cursor));
  const rows = await forTenant(context.tenant).lead.findMany({
    where: { AND: and },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: query.limit + 1,
  });
  return toPage(rows, query.limit, toLeadView);
}

/** The first page only, for pages that show one screenful. */
export async function listLeads(context: Pick<TenantRequestContext, "tenant">, rawQuery: LeadListQuery = {}): Promise<LeadView[]> {
  return (await findLeadsPage(context, rawQuery)).data;
}
