"use client";

import { useActionState } from "react";
import { FormField, inputClass } from "@/components/forms/form-field";
import type { SignUpState } from "@/app/t/[tenantId]/(portal)/sign-up/actions";
import { FormAlert } from "@/components/forms/form-alert";
import { SubmitButton } from "@/components/forms/submit-button";

/** Asks for the account; the mailed link finishes it (the password is chosen there), so the answer never says who already has one. */
export function SignUpForm({ action }: { action: (previous: SignUpState, form: FormData) => Promise<SignUpState> }) {
  const [state, formAction, pending] = useActionState(action, null);
  if (state?.ok) {
    return (
      <p role="status" className="rounded-md bg-green-50 px-3 py-2 text-sm text-green-800">
        {state.message} The link works for one hour.
      </p>
    );
  }
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const values = state && !state.ok ? state.values : { name: "", email: "" };
  return (
    <form action={formAction} aria-label="Create an account" className="space-y-4" noValidate>
      <FormField name="name" label="Your name" errors={errors}>
        <input id="name" name="name" autoComplete="name" defaultValue={values.name} className={inputClass} />
      </FormField>
      <FormField name="email" label="Email" errors={errors}>
        <input id="email" name="email" type="email" autoComplete="email" defaultValue={values.email} className={inputClass} />
      </FormField>
      <FormAlert message={state && !state.ok ? state.message : null} />
      <SubmitButton pending={pending} pendingLabel="Sending…" className="w-full">
        Create account
      </SubmitButton>
      <p className="text-xs text-slate-500">We will email you a link to choose your password.</p>
    </form>
  );
}
