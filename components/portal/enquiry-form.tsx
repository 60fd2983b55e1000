"use client";

import { useActionState } from "react";
import { FormField, inputClass } from "@/components/forms/form-field";
import type { EnquiryFormState } from "@/app/t/[tenantId]/(portal)/properties/[id]/actions";
import { FormAlert } from "@/components/forms/form-alert";
import { SubmitButton } from "@/components/forms/submit-button";

/** `defaults`: a signed-in customer's name and address, so they need not type them again. */
export function EnquiryForm({
  propertyId,
  action,
  defaults,
}: {
  propertyId: string;
  action: (previous: EnquiryFormState, form: FormData) => Promise<EnquiryFormState>;
  defaults?: { name: string; email: string };
}) {
  const [state, formAction, pending] = useActionState(action, null);
  if (state?.ok) {
    return (
      <p role="status" className="rounded-md bg-green-50 px-3 py-2 text-sm text-green-800">
        Thank you — we received your enquiry and will be in touch.
      </p>
    );
  }
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  return (
    <form action={formAction} aria-label="Enquire about this property" className="space-y-4">
      <input type="hidden" name="propertyId" value={propertyId} />
      {/* Honeypot: hidden from people and assistive technology, filled in by naive bots. */}
      <div aria-hidden="true" className="absolute -left-[9999px] h-px w-px overflow-hidden">
        <label htmlFor="website">Website</label>
        <input id="website" name="website" tabIndex={-1} autoComplete="off" />
      </div>
      <FormField name="name" label="Your name" errors={errors}>
        <input id="name" name="name" autoComplete="name" defaultValue={defaults?.name} className={inputClass} />
      </FormField>
      <FormField name="email" label="Email" errors={errors}>
        <input id="email" name="email" type="email" autoComplete="email" defaultValue={defaults?.email} className={inputClass} />
      </FormField>
      <FormField name="phone" label="Phone (optional)" errors={errors}>
        <input id="phone" name="phone" type="tel" autoComplete="tel" className={inputClass} />
      </FormField>
      <FormField name="message" label="Message" errors={errors}>
        <textarea id="message" name="message" rows={4} className={inputClass} />
      </FormField>
      <FormAlert message={state && !state.ok ? state.message : null} />
      <SubmitButton pending={pending} pendingLabel="Sending…">
        Send enquiry
      </SubmitButton>
    </form>
  );
}
