"use client";

import { useActionState } from "react";
import { FormField, inputClass } from "@/components/forms/form-field";
import type { PasswordAction } from "./password-actions";
import { FormAlert } from "@/components/forms/form-alert";
import { SubmitButton } from "@/components/forms/submit-button";

export function ForgotPasswordForm({ action }: { action: PasswordAction }) {
  const [state, formAction, pending] = useActionState(action, null);
  if (state?.ok) {
    return (
      <div className="space-y-4">
        <p role="status" className="rounded-md bg-green-50 px-3 py-2 text-sm text-green-800">
          {state.message}
        </p>
        <a href="/login" className="inline-block text-sm text-slate-600 underline hover:text-slate-900">
          Back to sign in
        </a>
      </div>
    );
  }
  return (
    <form action={formAction} className="space-y-4">
      <FormField name="email" label="Email" errors={{}}>
        <input id="email" name="email" type="email" autoComplete="email" required className={inputClass} />
      </FormField>
      <FormAlert message={state && !state.ok ? state.message : null} />
      <SubmitButton pending={pending} pendingLabel="Sending…" className="w-full">
        Send me a link
      </SubmitButton>
      <p className="text-center text-sm">
        <a href="/login" className="text-slate-600 underline hover:text-slate-900">
          Back to sign in
        </a>
      </p>
    </form>
  );
}
