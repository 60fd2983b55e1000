import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { LeadNoteForm, LeadWorkflowForm } from "@/components/dashboard/lead-controls";
import { requireStaff } from "@/lib/auth/page-identity";
import { can } from "@/lib/auth/permissions";
import { getBranding } from "@/lib/branding/get-branding";
import { AppError } from "@/lib/errors/app-error";
import { formatDateTime } from "@/lib/format/format-date";
import { getLead } from "@/lib/leads/get-lead";
import { LEAD_STATUS_LABELS, type LeadStatus } from "@/lib/leads/lead-schema";
import { listLeadStaff } from "@/lib/leads/lead-staff";
import { runWithContext } from "@/lib/tenancy/context";
import { addLeadNoteAction, updateLeadAction } from "../actions";

export const metadata: Metadata = { title: "Lead" };

export default async function LeadPage({ params }: PageProps<"/t/[tenantId]/dashboard/leads/[id]">) {
  const { tenantId, id } = await params;
  const { context, identity } = await requireStaff(tenantId, "lead:read");
  const loaded = await runWithContext(context, async () => {
    try {
      return await Promise.all([getLead(context, id), getBranding(context.tenant), listLeadStaff(context.tenant.id)]);
    } catch (error) {
      if (error instanceof AppError && error.code === "not_found") return null;
      throw error;
    }
  });
  if (!loaded) notFound();
  const [lead, branding, staff] = loaded;
  const mayManage = can(identity.role, "lead:manage");
  return (
    <main className="mx-auto max-w-3xl space-y-6 px-4 py-8 sm:px-6">
      <p className="text-sm">
        <a href="/dashboard/leads" className="text-slate-600 underline">
          ← Leads
        </a>
      </p>
      <div>
        <h1 className="text-2xl font-bold tracking-tight text-slate-900">Enquiry from {lead.name}</h1>
        <p className="mt-1 text-sm text-slate-600">
          {lead.propertyId ? (
            <a href={`/dashboard/properties/${lead.propertyId}`} className="underline">
              {lead.propertyName ?? "A property"}
            </a>
          ) : (
            "A removed property"
          )}{" "}
          · {formatDateTime(lead.createdAt, branding)} · <span data-testid="lead-status">{LEAD_STATUS_LABELS[lead.status as LeadStatus] ?? lead.status}</span>
          {lead.assigneeName ? <> · assigned to <span data-testid="lead-assignee">{lead.assigneeName}</span></> : null}
        </p>
      </div>
      <dl className="grid gap-2 rounded-lg border border-slate-200 bg-white p-4 text-sm sm:grid-cols-[8rem_1fr]">
        <dt className="font-medium text-slate-600">Email</dt>
        <dd className="break-all">
          <a href={`mailto:${lead.email}`} className="underline">
            {lead.email}
          </a>
        </dd>
        <dt className="font-medium text-slate-600">Phone</dt>
        <dd>
          {lead.phone ? (
            <a href={`tel:${lead.phone.replace(/[^\d+]/g, "")}`} className="underline">
              {lead.phone}
            </a>
          ) : (
            "—"
          )}
        </dd>
        <dt className="font-medium text-slate-600">Message</dt>
        <dd className="whitespace-pre-line text-slate-800">{lead.message}</dd>
      </dl>
      {mayManage ? <LeadWorkflowForm lead={lead} staff={staff.map(({ id: memberId, name }) => ({ id: memberId, name }))} action={updateLeadAction} /> : null}
      <section aria-labelledby="notes-heading" className="space-y-3">
        <h2 id="notes-heading" className="text-lg font-semibold text-slate-900">
          Notes
        </h2>
        {lead.notes.length === 0 ? (
          <p className="text-sm text-slate-600">No notes yet.</p>
        ) : (
          <ul className="space-y-2" aria-label="Notes">
            {lead.notes.map((note) => (
              <li key={note.id} data-testid="lead-note" className="rounded-md border border-slate-200 bg-white p-3 text-sm">
                <p className="whitespace-pre-line text-slate-800">{note.body}</p>
                <p className="mt-1 text-xs text-slate-500">
                  {note.authorName ?? "Former member"} · {formatDateTime(note.createdAt, branding)}
                </p>
              </li>
            ))}
          </ul>
        )}
        {mayManage ? <LeadNoteForm leadId={lead.id} action={addLeadNoteAction} /> : null}
      </section>
    </main>
  );
}
