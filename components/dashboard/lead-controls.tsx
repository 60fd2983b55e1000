"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { FormAlert } from "@/components/forms/form-alert";
import { SubmitButton } from "@/components/forms/submit-button";
import type { ActionResult } from "@/lib/http/tenant-action";
import type { LeadDetailView } from "@/lib/leads/get-lead";
import { LEAD_STATUS_LABELS, LEAD_STATUSES, type LeadUpdate } from "@/lib/leads/lead-schema";

type UpdateLead = (input: { id: string; changes: LeadUpdate }) => Promise<ActionResult<LeadDetailView>>;
type AddNote = (input: { id: string; body: string }) => Promise<ActionResult<LeadDetailView>>;

const field = "mt-1 block w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm";

/** Status and assignee of one lead: each select saves on change. */
export function LeadWorkflowForm({ lead, staff, action }: { lead: Pick<LeadDetailView, "id" | "status" | "assigneeId">; staff: Array<{ id: string; name: string }>; action: UpdateLead }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const save = async (changes: LeadUpdate, done: string) => {
    setPending(true);
    const result = await action({ id: lead.id, changes });
    setPending(false);
    setMessage(result.ok ? { ok: true, text: done } : { ok: false, text: result.error.message });
    if (result.ok) router.refresh();
  };
  return (
    <form aria-label="Lead workflow" className="grid gap-3 sm:grid-cols-2" onSubmit={(event) => event.preventDefault()}>
      <label className="text-sm font-medium text-slate-700">
        Status
        <select name="status" defaultValue={lead.status} disabled={pending} className={field} onChange={(event) => void save({ status: event.target.value as LeadUpdate["status"] }, "Status saved.")}>
          {LEAD_STATUSES.map((status) => (
            <option key={status} value={status}>
              {LEAD_STATUS_LABELS[status]}
            </option>
          ))}
        </select>
      </label>
      <label className="text-sm font-medium text-slate-700">
        Assigned to
        <select name="assigneeId" defaultValue={lead.assigneeId ?? ""} disabled={pending} className={field} onChange={(event) => void save({ assigneeId: event.target.value || null }, "Assignee saved.")}>
          <option value="">Nobody</option>
          {staff.map((member) => (
            <option key={member.id} value={member.id}>
              {member.name}
            </option>
          ))}
        </select>
      </label>
      {message?.ok ? (
        <p role="status" className="text-sm text-green-800 sm:col-span-2">
          {message.text}
        </p>
      ) : (
        <FormAlert message={message?.text} className="sm:col-span-2" />
      )}
    </form>
  );
}

export function LeadNoteForm({ leadId, action }: { leadId: string; action: AddNote }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [body, setBody] = useState("");
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      aria-label="Add a note"
      className="space-y-2"
      onSubmit={async (event) => {
        event.preventDefault();
        setPending(true);
        const result = await action({ id: leadId, body });
        setPending(false);
        if (!result.ok) {
          setError(result.error.fieldErrors?.body?.[0] ?? result.error.message);
          return;
        }
        setError(null);
        setBody("");
        router.refresh();
      }}
    >
      <label className="block text-sm font-medium text-slate-700">
        Note
        <textarea name="body" rows={3} value={body} maxLength={5000} onChange={(event) => setBody(event.target.value)} className={field} aria-invalid={error ? true : undefined} />
      </label>
      <FormAlert message={error} />
      <SubmitButton pending={pending} pendingLabel="Adding…">
        Add note
      </SubmitButton>
    </form>
  );
}
