import { forTenant } from "@/lib/db/tenant-client";
import { AppError } from "@/lib/errors/app-error";
import { isUuid } from "@/lib/db/uuid";
import type { TenantRequestContext } from "@/lib/tenancy/context";
import type { LeadNoteView, LeadView } from "./lead-schema";
import { userNames } from "./lead-staff";
import { toLeadView } from "./lead-view";

export interface LeadDetailView extends LeadView {
  propertyName: string | null;
  assigneeName: string | null;
  notes: LeadNoteView[];
}

export function leadNotFound(): AppError {
  return new AppError({ code: "not_found", message: "Lead not found" });
}

export function assertLeadId(id: string): void {
  if (!isUuid(id)) throw leadNotFound();
}

/** One lead with its property's name, its assignee's name and its notes (oldest first); another tenant's id is a 404. */
export async function getLead(context: Pick<TenantRequestContext, "tenant">, id: string): Promise<LeadDetailView> {
  assertLeadId(id);
  const row = await forTenant(context.tenant).lead.findUnique({
    where: { id },
    include: { property: { select: { name: true } }, notes: { orderBy: [{ createdAt: "asc" }, { id: "asc" }] } },
  });
  if (!row) throw leadNotFound();
  const names = await userNames(context.tenant.id, [row.assigneeId, ...row.notes.map((note) => note.authorId)]);
  const { property, notes, ...lead } = row;
  return {
    ...toLeadView(lead),
    propertyName: property?.name ?? null,
    assigneeName: row.assigneeId ? (names.get(row.assigneeId) ?? null) : null,
    notes: notes.map((note) => ({ id: note.id, body: note.body, authorId: note.authorId, authorName: note.authorId ? (names.get(note.authorId) ?? null) : null, createdAt: note.createdAt.toISOString() })),
  };
}
