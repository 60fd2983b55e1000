"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { FormAlert } from "@/components/forms/form-alert";
import { FormField, inputClass, type FieldErrors } from "@/components/forms/form-field";
import { callAdminApi } from "../admin-api-client";

export interface ImpersonationCandidate {
  id: string;
  email: string;
  name: string | null;
  role: string;
}

/** Starts an impersonation (POST /api/admin/tenants/[slug]/impersonations) and offers its one-time link. */
export function ImpersonationForm({ slug, members }: { slug: string; members: ImpersonationCandidate[] }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [write, setWrite] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [link, setLink] = useState<string | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    const answer = await callAdminApi("POST", `/api/admin/tenants/${encodeURIComponent(slug)}/impersonations`, {
      userId: String(form.get("userId") ?? ""),
      minutes: Number(form.get("minutes")),
      write,
      reason: String(form.get("reason") ?? ""),
    });
    setPending(false);
    setError(answer.message);
    setFieldErrors(answer.fieldErrors ?? {});
    setLink(answer.ok && typeof answer.json.url === "string" ? answer.json.url : null);
    if (answer.ok) router.refresh();
  }

  return (
    <form onSubmit={submit} className="space-y-4" aria-label="Impersonate a user" noValidate>
      <FormAlert message={error} />
      <FormField name="userId" label="User" errors={fieldErrors}>
        <select id="userId" name="userId" className={inputClass} defaultValue="">
          <option value="" disabled>
            Choose a member…
          </option>
          {members.map((member) => (
            <option key={member.id} value={member.id}>
              {member.name ? `${member.name} <${member.email}>` : member.email} ({member.role})
            </option>
          ))}
        </select>
      </FormField>
      <FormField name="minutes" label="Minutes (at most 30)" errors={fieldErrors}>
        <input id="minutes" name="minutes" type="number" min={1} max={30} defaultValue={15} className={inputClass} />
      </FormField>
      <FormField name="reason" label="Reason (kept in the audit trail)" errors={fieldErrors}>
        <input id="reason" name="reason" type="text" maxLength={500} className={inputClass} />
      </FormField>
      <div className="rounded-md border border-slate-200 p-3">
        <label className="flex items-center gap-2 text-sm font-medium text-slate-800">
          <input type="checkbox" name="write" checked={write} onChange={(event) => setWrite(event.target.checked)} />
          Allow changes (write access)
        </label>
        {write ? (
          <p role="alert" className="mt-2 rounded bg-red-50 px-3 py-2 text-sm text-red-800">
            Warning: with write access everything you do changes this tenant&apos;s real data as this user. Every change is audited as you acting as them.
          </p>
        ) : (
          <p className="mt-1 text-xs text-slate-500">Read-only: every change is refused while you impersonate.</p>
        )}
      </div>
      <button type="submit" disabled={pending} className="rounded-md bg-slate-900 px-4 py-2 text-sm font-semibold text-white disabled:opacity-60">
        Start impersonation
      </button>
      {link ? (
        <p className="text-sm text-slate-700">
          Ready: <a href={link} className="font-semibold text-blue-700 underline" data-testid="impersonation-link">open the tenant as this user</a> (the link works once, within 60 seconds).
        </p>
      ) : null}
    </form>
  );
}
