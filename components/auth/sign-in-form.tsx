"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { useHydrated } from "@/components/forms/use-hydrated";
import { FormField, inputClass } from "@/components/forms/form-field";
import { FormAlert } from "@/components/forms/form-alert";
import { SubmitButton } from "@/components/forms/submit-button";

/** Email + password sign-in against this host's next-auth; errors are next-auth's message (ours, from authorize). */
export function SignInForm({ redirectTo, forgotPasswordHref }: { redirectTo: string; forgotPasswordHref?: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  // Before hydration a submit would be a plain form submission, not signIn(): the button waits for React.
  const hydrated = useHydrated();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    try {
      const result = await signIn("credentials", { email: String(form.get("email") ?? ""), password: String(form.get("password") ?? ""), redirect: false });
      if (!result?.ok || result.error) {
        setError(result?.error && result.error !== "CredentialsSignin" ? result.error : "Wrong email or password");
        setPending(false);
        return;
      }
      // Pending until the next page replaces this one, so the button cannot be pressed twice.
      router.replace(redirectTo);
      router.refresh();
    } catch {
      setError("Could not reach the server. Check your connection and try again.");
      setPending(false);
    }
  }

  return (
    <form onSubmit={submit} method="post" className="space-y-4" noValidate>
      <FormField name="email" label="Email" errors={{}}>
        <input id="email" name="email" type="email" autoComplete="username" required className={inputClass} />
      </FormField>
      <FormField name="password" label="Password" errors={{}}>
        <input id="password" name="password" type="password" autoComplete="current-password" required className={inputClass} />
      </FormField>
      <FormAlert message={error} />
      <SubmitButton pending={pending} pendingLabel="Signing in…" disabled={!hydrated} className="w-full">
        Sign in
      </SubmitButton>
      {forgotPasswordHref ? (
        <p className="text-center text-sm">
          <a href={forgotPasswordHref} className="text-slate-600 underline hover:text-slate-900">
            Forgot your password?
          </a>
        </p>
      ) : null}
    </form>
  );
}
