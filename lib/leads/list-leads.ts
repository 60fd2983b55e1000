import { forTenant } from "@/lib/db/tenant-client";
import { AppError } from "@/lib/errors/app-error";
import type { TenantRequestContext } from "@/lib/tenancy/context";
import { leadListQuerySchema, type LeadListQuery, type LeadView } from "./lead-schema";
import { toLeadView } from "./lead-view";

export async function listLeads(context: Pick<TenantRequestContext, "tenant">, rawQuery: LeadListQuery = {}): Promise<LeadView[]> {
  const parsed = leadListQuerySchema.safeParse(rawQuery);
  if (!parsed.success) throw AppError.fromZod(parsed.error, "Invalid query");
  const rows = await forTenant(context.tenant).lead.findMany({
    where: parsed.data.status ? { status: parsed.data.status } : {},
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: parsed.data.limit,
  });
  return rows.map(toLeadView);
}
