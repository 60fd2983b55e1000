"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useActionState, useEffect, useRef } from "react";
import { FormField, inputClass } from "@/components/forms/form-field";
import type { SignUpState } from "@/app/t/[tenantId]/(portal)/sign-up/actions";
import { FormAlert } from "@/components/forms/form-alert";
import { SubmitButton } from "@/components/forms/submit-button";

/** Creates the customer account, then signs in with the same credentials and goes to "My enquiries". */
export function SignUpForm({ action }: { action: (previous: SignUpState, form: FormData) => Promise<SignUpState> }) {
  const router = useRouter();
  const [state, formAction, pending] = useActionState(action, null);
  const password = useRef("");
  useEffect(() => {
    if (!state?.ok) return;
    void signIn("credentials", { email: state.email, password: password.current, redirect: false }).then(() => {
      router.replace("/my-enquiries");
      router.refresh();
    });
  }, [state, router]);
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
      <FormField name="password" label="Password (at least 12 characters)" errors={errors}>
        <input id="password" name="password" type="password" autoComplete="new-password" className={inputClass} onChange={(event) => (password.current = event.target.value)} />
      </FormField>
      <FormAlert message={state && !state.ok ? state.message : null} />
      <SubmitButton pending={pending} pendingLabel="Creating…" disabled={state?.ok === true} className="w-full">
        Create account
      </SubmitButton>
    </form>
  );
}
