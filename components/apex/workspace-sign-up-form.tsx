"use client";

import { useEffect, useState, type FormEvent } from "react";
import { FormAlert } from "@/components/forms/form-alert";
import { FormField, inputClass, type FieldErrors } from "@/components/forms/form-field";
import { SubmitButton } from "@/components/forms/submit-button";

type Availability = { state: "idle" | "checking" } | { state: "available" } | { state: "unavailable"; message: string };

interface SignedUp {
  workspaceUrl: string;
  message: string;
}

function slugFromName(name: string): string {
  return name
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40);
}

/** The apex's sign-up: workspace name, its address (checked while typing), the owner's email. */
export function WorkspaceSignUpForm({ rootDomain }: { rootDomain: string }) {
  const [name, setName] = useState("");
  const [slug, setSlug] = useState("");
  const [slugEdited, setSlugEdited] = useState(false);
  const [availability, setAvailability] = useState<Availability>({ state: "idle" });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [signedUp, setSignedUp] = useState<SignedUp | null>(null);

  useEffect(() => {
    if (slug.length === 0) {
      setAvailability({ state: "idle" });
      return;
    }
    const controller = new AbortController();
    setAvailability({ state: "checking" });
    const timer = setTimeout(() => {
      fetch(`/api/signup/slug?slug=${encodeURIComponent(slug)}`, { signal: controller.signal })
        .then(async (response) => {
          const body = (await response.json()) as { available?: boolean; message?: string };
          if (!response.ok) setAvailability({ state: "unavailable", message: body.message ?? "Could not check this address" });
          else setAvailability(body.available ? { state: "available" } : { state: "unavailable", message: body.message ?? "Not available" });
        })
        .catch(() => undefined);
    }, 250);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [slug]);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setMessage(null);
    setErrors({});
    try {
      const response = await fetch("/api/signup", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ workspaceName: name, slug, ownerEmail: form.get("ownerEmail"), website: form.get("website") || undefined }),
      });
      const body = (await response.json()) as { workspaceUrl?: string; message?: string; fieldErrors?: FieldErrors };
      if (response.ok && body.workspaceUrl) setSignedUp({ workspaceUrl: body.workspaceUrl, message: body.message ?? "" });
      else {
        setErrors(body.fieldErrors ?? {});
        setMessage(body.message ?? "Sign-up failed");
      }
    } catch {
      setMessage("Could not reach the server. Try again.");
    } finally {
      setPending(false);
    }
  }

  if (signedUp) {
    return (
      <div className="space-y-4">
        <p role="status" className="rounded-md bg-green-50 px-3 py-2 text-sm text-green-800">
          {signedUp.message}
        </p>
        <a href={`${signedUp.workspaceUrl}/login`} className="inline-block text-sm font-medium text-slate-900 underline">
          Go to {new URL(signedUp.workspaceUrl).host}
        </a>
      </div>
    );
  }

  return (
    <form onSubmit={submit} className="space-y-4" noValidate>
      <FormField name="workspaceName" label="Agency or workspace name" errors={errors}>
        <input
          id="workspaceName"
          name="workspaceName"
          required
          minLength={2}
          maxLength={100}
          value={name}
          onChange={(event) => {
            setName(event.target.value);
            if (!slugEdited) setSlug(slugFromName(event.target.value));
          }}
          className={inputClass}
        />
      </FormField>
      <FormField name="slug" label="Workspace address" errors={errors} hint={`Your team signs in at ${slug || "your-agency"}.${rootDomain}`}>
        <div className="mt-1 flex items-center gap-2">
          <input
            id="slug"
            name="slug"
            required
            value={slug}
            aria-describedby="slug-availability"
            onChange={(event) => {
              setSlugEdited(true);
              setSlug(event.target.value.toLowerCase());
            }}
            className={`${inputClass} mt-0`}
          />
          <span className="shrink-0 text-sm text-slate-500">.{rootDomain}</span>
        </div>
        <p id="slug-availability" aria-live="polite" className="mt-1 text-sm">
          {availability.state === "checking" ? <span className="text-slate-500">Checking…</span> : null}
          {availability.state === "available" ? <span className="text-green-700">Available</span> : null}
          {availability.state === "unavailable" ? <span className="text-red-700">{availability.message}</span> : null}
        </p>
      </FormField>
      <FormField name="ownerEmail" label="Your email" errors={errors} hint="We send you a link to choose your password.">
        <input id="ownerEmail" name="ownerEmail" type="email" autoComplete="email" required className={inputClass} />
      </FormField>
      <div aria-hidden className="absolute -left-[10000px] h-px w-px overflow-hidden">
        <label htmlFor="website">Website</label>
        <input id="website" name="website" tabIndex={-1} autoComplete="off" />
      </div>
      <FormAlert message={message} />
      <SubmitButton pending={pending} pendingLabel="Creating your workspace…" disabled={availability.state === "unavailable"} className="w-full">
        Create workspace
      </SubmitButton>
    </form>
  );
}
