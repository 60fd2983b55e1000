"use client";

import { useState, type FormEvent } from "react";
import { FormAlert } from "@/components/forms/form-alert";
import { FormField, inputClass } from "@/components/forms/form-field";
import { SubmitButton } from "@/components/forms/submit-button";

/** "Find my workspace": one address in, the same answer out whatever the address. */
export function FindWorkspaceForm() {
  const [pending, setPending] = useState(false);
  const [answer, setAnswer] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setPending(true);
    setError(null);
    try {
      const response = await fetch("/api/find-workspace", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: new FormData(event.currentTarget).get("email") }),
      });
      const body = (await response.json()) as { message?: string };
      if (response.ok) setAnswer(body.message ?? "");
      else setError(body.message ?? "Something went wrong");
    } catch {
      setError("Could not reach the server. Try again.");
    } finally {
      setPending(false);
    }
  }

  if (answer) {
    return (
      <p role="status" className="rounded-md bg-green-50 px-3 py-2 text-sm text-green-800">
        {answer}
      </p>
    );
  }
  return (
    <form onSubmit={submit} className="space-y-4">
      <FormField name="email" label="Your work email" errors={{}}>
        <input id="email" name="email" type="email" autoComplete="email" required className={inputClass} />
      </FormField>
      <FormAlert message={error} />
      <SubmitButton pending={pending} pendingLabel="Sending…" className="w-full">
        Email me my sign-in links
      </SubmitButton>
    </form>
  );
}
