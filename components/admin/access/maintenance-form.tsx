"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { FormAlert } from "@/components/forms/form-alert";
import { FormField, inputClass, type FieldErrors } from "@/components/forms/form-field";
import { callAdminApi } from "../admin-api-client";

/** Turns maintenance on (or updates its message and end) and off, through PUT/DELETE /api/admin/tenants/[slug]/maintenance. */
export function MaintenanceForm({ slug, active, message, until }: { slug: string; active: boolean; message: string | null; until: string | null }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const path = `/api/admin/tenants/${encodeURIComponent(slug)}/maintenance`;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = String(form.get("message") ?? "").trim();
    const local = String(form.get("until") ?? "");
    setPending(true);
    const answer = await callAdminApi("PUT", path, { ...(text ? { message: text } : {}), ...(local ? { until: new Date(local).toISOString() } : {}) });
    setPending(false);
    setError(answer.message);
    setFieldErrors(answer.fieldErrors ?? {});
    if (answer.ok) router.refresh();
  }

  async function end() {
    setPending(true);
    const answer = await callAdminApi("DELETE", path);
    setPending(false);
    setError(answer.message);
    if (answer.ok) router.refresh();
  }

  return (
    <form onSubmit={submit} className="space-y-4" aria-label="Maintenance mode" noValidate>
      <FormAlert message={error} />
      <FormField name="message" label="Message shown to visitors" errors={fieldErrors} hint="Optional, at most 500 characters.">
        <textarea id="message" name="message" rows={2} maxLength={500} defaultValue={message ?? ""} className={inputClass} />
      </FormField>
      <FormField name="until" label="Expected end (your local time)" errors={fieldErrors} hint="Optional; the API's Retry-After counts down to it.">
        <input id="until" name="until" type="datetime-local" defaultValue={until ? toLocalInput(until) : ""} className={inputClass} />
      </FormField>
      <div className="flex gap-3">
        <button type="submit" disabled={pending} className="rounded-md bg-slate-900 px-4 py-2 text-sm font-semibold text-white disabled:opacity-60">
          {active ? "Update maintenance" : "Turn maintenance on"}
        </button>
        {active ? (
          <button type="button" onClick={end} disabled={pending} className="rounded-md border border-slate-300 px-4 py-2 text-sm font-semibold text-slate-700 disabled:opacity-60">
            End maintenance
          </button>
        ) : null}
      </div>
    </form>
  );
}

function toLocalInput(iso: string): string {
  const date = new Date(iso);
  const pad = (value: number) => String(value).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
