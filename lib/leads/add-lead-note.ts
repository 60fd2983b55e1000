import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Identity } from "@/lib/auth/identity";
import { Prisma } from "@/lib/db/generated/tenant/client";
import { forTenant } from "@/lib/db/tenant-client";
import { AppError } from "@/lib/errors/app-error";
import type { TenantRequestContext } from "@/lib/tenancy/context";
import { assertLeadId, getLead, leadNotFound, type LeadDetailView } from "./get-lead";
import { leadNoteInputSchema, type LeadNoteInput } from "./lead-schema";

/** A staff note on a lead, in the author's name; audited without its text. */
export async function addLeadNote(context: Pick<TenantRequestContext, "tenant">, actor: Pick<Identity, "userId">, id: string, rawInput: LeadNoteInput): Promise<LeadDetailView> {
  assertLeadId(id);
  const parsed = leadNoteInputSchema.safeParse(rawInput);
  if (!parsed.success) throw AppError.fromZod(parsed.error, "Note not added");
  const db = forTenant(context.tenant);
  const lead = await db.lead.findUnique({ where: { id }, select: { name: true } });
  if (!lead) throw leadNotFound();
  const note = await db.leadNote.create({ data: { leadId: id, authorId: actor.userId, body: parsed.data.body } }).catch((error: unknown) => {
    // The lead was deleted between the check above and the insert.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2003") throw leadNotFound();
    throw error;
  });
  await recordAuditEvent({ tenantId: context.tenant.id, actorUserId: actor.userId, action: "lead.note_added", target: id, metadata: { name: lead.name, noteId: note.id } });
  return getLead(context, id);
}
