import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Identity } from "@/lib/auth/identity";
import { forTenant } from "@/lib/db/tenant-client";
import { AppError } from "@/lib/errors/app-error";
import type { TenantRequestContext } from "@/lib/tenancy/context";
import { assertLeadId, getLead, leadNotFound, type LeadDetailView } from "./get-lead";
import { leadUpdateSchema, type LeadUpdate } from "./lead-schema";
import { requireLeadAssignee } from "./lead-staff";

/** Sets a lead's status and/or assignee (an active member who works leads, or null); each change is audited. */
export async function updateLead(context: Pick<TenantRequestContext, "tenant">, actor: Pick<Identity, "userId">, id: string, rawInput: LeadUpdate): Promise<LeadDetailView> {
  assertLeadId(id);
  const parsed = leadUpdateSchema.safeParse(rawInput);
  if (!parsed.success) throw AppError.fromZod(parsed.error, "Lead not changed");
  const { status, assigneeId } = parsed.data;
  const assignee = assigneeId ? await requireLeadAssignee(context.tenant.id, assigneeId) : null;
  const { before, after } = await forTenant(context.tenant).$transaction(async (tx) => {
    const previous = await tx.lead.findUnique({ where: { id } });
    if (!previous) throw leadNotFound();
    const handling = status === undefined || status === previous.status ? {} : status === "handled" ? { handledAt: new Date(), handledBy: actor.userId } : { handledAt: null, handledBy: null };
    const updated = await tx.lead.update({
      where: { id },
      data: { ...(status === undefined ? {} : { status }), ...(assigneeId === undefined ? {} : { assigneeId }), ...handling, updatedAt: new Date() },
    });
    return { before: previous, after: updated };
  });
  const base = { tenantId: context.tenant.id, actorUserId: actor.userId, target: id };
  if (before.status !== after.status) await recordAuditEvent({ ...base, action: "lead.status_changed", metadata: { name: after.name, from: before.status, to: after.status } });
  if (before.assigneeId !== after.assigneeId) {
    await recordAuditEvent(
      assignee
        ? { ...base, action: "lead.assigned", metadata: { name: after.name, assigneeId: assignee.id, assignee: assignee.name } }
        : { ...base, action: "lead.unassigned", metadata: { name: after.name } },
    );
  }
  return getLead(context, id);
}
