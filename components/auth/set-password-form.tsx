"use client";

import { useActionState } from "react";
import { FormField, inputClass } from "@/components/forms/form-field";
import type { PasswordAction } from "./password-actions";
import { FormAlert } from "@/components/forms/form-alert";
import { SubmitButton } from "@/components/forms/submit-button";

/** New password + confirmation for a welcome or reset link; the token rides along in a hidden field. */
export function SetPasswordForm({ action, token }: { action: PasswordAction; token: string }) {
  const [state, formAction, pending] = useActionState(action, null);
  if (state?.ok) {
    return (
      <div className="space-y-4">
        <p role="status" className="rounded-md bg-green-50 px-3 py-2 text-sm text-green-800">
          {state.message}
        </p>
        <a href="/login" className="inline-block rounded-md px-4 py-2 text-sm font-semibold text-white" style={{ backgroundColor: "var(--primary-color)" }}>
          Go to sign in
        </a>
      </div>
    );
  }
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <input type="hidden" name="token" value={token} />
      <FormField name="password" label="New password (at least 12 characters)" errors={errors}>
        <input id="password" name="password" type="password" autoComplete="new-password" required minLength={12} className={inputClass} aria-invalid={Boolean(errors.password)} aria-describedby={errors.password ? "password-error" : undefined} />
      </FormField>
      <FormField name="confirm" label="Repeat the password" errors={errors}>
        <input id="confirm" name="confirm" type="password" autoComplete="new-password" required className={inputClass} aria-invalid={Boolean(errors.confirm)} aria-describedby={errors.confirm ? "confirm-error" : undefined} />
      </FormField>
      <FormAlert message={state && !state.ok ? state.message : null} />
      <SubmitButton pending={pending} pendingLabel="Saving…" className="w-full">
        Set password
      </SubmitButton>
    </form>
  );
}
