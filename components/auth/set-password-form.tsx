"use client";

import { useActionState } from "react";
import type { PasswordFormState } from "@/app/t/[tenantId]/password-actions";

type Action = (previous: PasswordFormState, form: FormData) => Promise<PasswordFormState>;

const inputClass = "mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm shadow-sm focus:border-slate-500 focus:outline-none focus:ring-2 focus:ring-slate-400";

export function SetPasswordForm({ action, token }: { action: Action; token: string }) {
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
    <form action={formAction} className="space-y-4">
      <input type="hidden" name="token" value={token} />
      <div>
        <label htmlFor="password" className="block text-sm font-medium text-slate-700">
          New password (at least 12 characters)
        </label>
        <input id="password" name="password" type="password" autoComplete="new-password" required className={inputClass} />
        {errors.password ? <p className="mt-1 text-sm text-red-700">{errors.password.join(", ")}</p> : null}
      </div>
      <div>
        <label htmlFor="confirm" className="block text-sm font-medium text-slate-700">
          Repeat the password
        </label>
        <input id="confirm" name="confirm" type="password" autoComplete="new-password" required className={inputClass} />
        {errors.confirm ? <p className="mt-1 text-sm text-red-700">{errors.confirm.join(", ")}</p> : null}
      </div>
      {state && !state.ok ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {state.message}
        </p>
      ) : null}
      <button type="submit" disabled={pending} className="w-full rounded-md px-4 py-2 text-sm font-semibold text-white disabled:opacity-60" style={{ backgroundColor: "var(--primary-color)" }}>
        {pending ? "Saving…" : "Set password"}
      </button>
    </form>
  );
}

export function ForgotPasswordForm({ action }: { action: Action }) {
  const [state, formAction, pending] = useActionState(action, null);
  if (state?.ok) {
    return (
      <p role="status" className="rounded-md bg-green-50 px-3 py-2 text-sm text-green-800">
        {state.message}
      </p>
    );
  }
  return (
    <form action={formAction} className="space-y-4">
      <div>
        <label htmlFor="email" className="block text-sm font-medium text-slate-700">
          Email
        </label>
        <input id="email" name="email" type="email" autoComplete="email" required className={inputClass} />
      </div>
      <button type="submit" disabled={pending} className="w-full rounded-md px-4 py-2 text-sm font-semibold text-white disabled:opacity-60" style={{ backgroundColor: "var(--primary-color)" }}>
        {pending ? "Sending…" : "Send me a link"}
      </button>
    </form>
  );
}
