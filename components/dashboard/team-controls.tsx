"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { ConfirmDialog } from "@/components/dashboard/confirm-dialog";
import { FormField, inputClass } from "@/components/forms/form-field";
import { invalidProps, messagesByField } from "@/components/forms/hook-form-errors";
import { SubmitButton } from "@/components/forms/submit-button";
import { useHydrated } from "@/components/forms/use-hydrated";
import { STAFF_ROLES, type StaffRole } from "@/lib/auth/permissions";
import type { ActionResult } from "@/lib/http/tenant-action";
import { inviteMemberSchema, type InviteMemberInput } from "@/lib/team/member-schema";

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

const inviteResolver = zodResolver(inviteMemberSchema);

/** Invites by email with a role; the API's schema checks the address as it is left and again on the server. */
export function InviteMemberForm({ action }: { action: (input: InviteMemberInput) => Result }) {
  const router = useRouter();
  const hydrated = useHydrated();
  const [notice, setNotice] = useState<Notice>(null);
  const form = useForm<InviteMemberInput>({ resolver: inviteResolver, mode: "onTouched", defaultValues: { email: "", role: "agent" } });
  const { errors, isSubmitting } = form.formState;
  const fieldErrors = messagesByField(errors);

  const submit = form.handleSubmit(async (input) => {
    const result = await action(input);
    if (!result.ok) {
      const emailError = result.error.fieldErrors?.email?.[0];
      if (emailError) form.setError("email", { type: "server", message: emailError });
      setNotice({ tone: "error", text: result.error.message });
      // Saved, but its mail failed: the invitation belongs in the list, ready to be re-sent.
      if (result.error.code === "unavailable") router.refresh();
      return;
    }
    setNotice({ tone: "ok", text: `Invitation sent to ${input.email}.` });
    form.reset();
    router.refresh();
  });

  return (
    <form onSubmit={(event) => void submit(event)} aria-label="Invite a member" className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4" noValidate>
      <fieldset disabled={!hydrated} className="contents">
        <div className="min-w-56 flex-1">
          <FormField name="email" label="Email" errors={fieldErrors}>
            <input id="email" type="email" autoComplete="off" {...form.register("email")} className={inputClass} {...invalidProps(errors, "email")} />
          </FormField>
        </div>
        <FormField name="role" label="Role" errors={{}}>
          <select id="role" {...form.register("role")} className={inputClass}>
            {STAFF_ROLES.map((role) => (
              <option key={role}>{role}</option>
            ))}
          </select>
        </FormField>
        <SubmitButton pending={isSubmitting} pendingLabel="Sending…">
          Send invitation
        </SubmitButton>
        <NoticeLine notice={notice} className="w-full text-sm" />
      </fieldset>
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
      <ConfirmDialog
        trigger={
          <button type="button" className={`${button} border-red-300 text-red-700`}>
            Deactivate<span className="sr-only"> {email}</span>
          </button>
        }
        title={`Deactivate ${email}?`}
        description="Their sessions and API tokens end at once and they can no longer sign in. You can reactivate them later."
        confirmLabel="Deactivate"
        onConfirm={async () => {
          const outcome = await deactivate({ id });
          router.refresh();
          return outcome.ok ? null : outcome.error.message;
        }}
      />
      <NoticeLine notice={notice} className="w-full text-xs" />
    </div>
  );
}
