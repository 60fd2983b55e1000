"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { FormField, inputClass, type FieldErrors } from "@/components/forms/form-field";
import { STAFF_ROLES, type StaffRole } from "@/lib/auth/permissions";
import type { ActionResult } from "@/lib/http/tenant-action";

type Result = Promise<ActionResult<unknown>>;

type Notice = { tone: "ok" | "error"; text: string } | null;

function NoticeLine({ notice, className }: { notice: Notice; className: string }) {
  if (!notice) return null;
  return (
    <p role={notice.tone === "error" ? "alert" : "status"} className={`${className} ${notice.tone === "error" ? "text-red-700" : "text-green-800"}`}>
      {notice.text}
    </p>
  );
}

export function InviteMemberForm({ action }: { action: (input: { email: string; role: StaffRole }) => Result }) {
  const router = useRouter();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<Notice>(null);
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const email = String(data.get("email") ?? "");
    const result = await action({ email, role: String(data.get("role")) as StaffRole });
    if (!result.ok) {
      setErrors(result.error.fieldErrors ?? {});
      setMessage({ tone: "error", text: result.error.message });
      // Saved, but its mail failed: the invitation belongs in the list, ready to be re-sent.
      if (result.error.code === "unavailable") router.refresh();
      return;
    }
    setErrors({});
    setMessage({ tone: "ok", text: `Invitation sent to ${email}.` });
    form.reset();
    router.refresh();
  }
  return (
    <form onSubmit={submit} aria-label="Invite a member" className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4">
      <div className="min-w-56 flex-1">
        <FormField name="email" label="Email" errors={errors}>
          <input id="email" name="email" type="email" className={inputClass} />
        </FormField>
      </div>
      <FormField name="role" label="Role" errors={errors}>
        <select id="role" name="role" defaultValue="agent" className={inputClass}>
          {STAFF_ROLES.map((role) => (
            <option key={role}>{role}</option>
          ))}
        </select>
      </FormField>
      <button type="submit" className="rounded-md px-4 py-2 text-sm font-semibold text-white" style={{ backgroundColor: "var(--primary-color)" }}>
        Send invitation
      </button>
      <NoticeLine notice={message} className="w-full text-sm" />
    </form>
  );
}

export function MemberControls({
  id,
  email,
  role,
  status,
  changeRole,
  deactivate,
  reactivate,
  resendInvitation,
}: {
  id: string;
  email: string;
  role: string;
  status: string;
  changeRole: (input: { id: string; role: StaffRole }) => Result;
  deactivate: (input: { id: string }) => Result;
  reactivate: (input: { id: string }) => Result;
  resendInvitation: (input: { id: string }) => Result;
}) {
  const router = useRouter();
  const [notice, setNotice] = useState<Notice>(null);
  async function run(result: Result, success?: string) {
    const outcome = await result;
    setNotice(outcome.ok ? (success ? { tone: "ok", text: success } : null) : { tone: "error", text: outcome.error.message });
    router.refresh();
  }
  const button = "rounded border px-2 py-1 text-xs font-medium";
  if (status === "disabled") {
    return (
      <div className="flex flex-wrap items-center gap-2">
        <button type="button" onClick={() => void run(reactivate({ id }), `${email} is reactivated.`)} className={`${button} border-slate-300 text-slate-800`}>
          Reactivate
        </button>
        <NoticeLine notice={notice} className="w-full text-xs" />
      </div>
    );
  }
  return (
    <div className="flex flex-wrap items-center gap-2">
      <label className="sr-only" htmlFor={`role-${id}`}>
        Role
      </label>
      <select id={`role-${id}`} defaultValue={role} onChange={(event) => void run(changeRole({ id, role: event.target.value as StaffRole }))} className="rounded-md border border-slate-300 px-2 py-1 text-sm">
        {STAFF_ROLES.map((option) => (
          <option key={option}>{option}</option>
        ))}
      </select>
      {status === "invited" ? (
        <button type="button" onClick={() => void run(resendInvitation({ id }), `A new invitation was sent to ${email}; earlier links no longer work.`)} className={`${button} border-slate-300 text-slate-800`}>
          Re-send invitation
        </button>
      ) : null}
      <button type="button" onClick={() => window.confirm("Deactivate this member? Their sessions end at once.") && void run(deactivate({ id }))} className={`${button} border-red-300 text-red-700`}>
        Deactivate
      </button>
      <NoticeLine notice={notice} className="w-full text-xs" />
    </div>
  );
}
