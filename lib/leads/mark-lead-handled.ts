import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { forTenant } from "@/lib/db/tenant-client";
import { AppError } from "@/lib/errors/app-error";
import type { TenantRequestContext } from "@/lib/tenancy/context";
import type { LeadView } from "./lead-schema";
import { toLeadView } from "./lead-view";
import { isUuid } from "@/lib/db/uuid";

export async function markLeadHandled(context: Pick<TenantRequestContext, "tenant">, actorUserId: string, id: string): Promise<LeadView> {
  const notFound = new AppError({ code: "not_found", message: "Lead not found" });
  if (!isUuid(id)) throw notFound;
  const db = forTenant(context.tenant);
  const [row] = await db.lead.updateManyAndReturn({ where: { id, status: "new" }, data: { status: "handled", handledAt: new Date(), handledBy: actorUserId } });
  if (!row) {
    const existing = await db.lead.findUnique({ where: { id } });
    if (!existing) throw notFound;
    return toLeadView(existing);
  }
  await recordAuditEvent({ tenantId: context.tenant.id, actorUserId, action: "lead.handled", target: id, metadata: { name: row.name } });
  return toLeadView(row);
}
