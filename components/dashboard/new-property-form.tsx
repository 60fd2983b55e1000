"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { useHydrated } from "@/components/forms/use-hydrated";
import { FormField as Field, inputClass, type FieldErrors } from "@/components/forms/form-field";
import { useTenant } from "@/components/tenant/tenant-provider";
import type { ActionResult } from "@/lib/http/tenant-action";
import { PROPERTY_STATUSES, PROPERTY_TYPES, type PropertyInput, type PropertyView } from "@/lib/properties/property-schema";
import { FormAlert } from "@/components/forms/form-alert";

/** Creates a property through the server action; the same zod schema as the API validates it there. */
export function NewPropertyForm({ action }: { action: (input: PropertyInput) => Promise<ActionResult<PropertyView>> }) {
  const router = useRouter();
  const { currency } = useTenant();
  const [open, setOpen] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  // The button only works once React is there to open the form.
  const hydrated = useHydrated();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const optionalNumber = (name: string) => (data.get(name) === "" ? null : Number(data.get(name)));
    setPending(true);
    const result = await action({
      name: String(data.get("name") ?? ""),
      address: String(data.get("address") ?? ""),
      price: Number(data.get("price") || Number.NaN),
      type: String(data.get("type")) as PropertyInput["type"],
      status: String(data.get("status")) as PropertyInput["status"],
      bedrooms: optionalNumber("bedrooms"),
      description: String(data.get("description") ?? "") || null,
      published: data.get("published") === "on",
    });
    setPending(false);
    if (!result.ok) {
      setErrors(result.error.fieldErrors ?? {});
      setMessage(result.error.message);
      return;
    }
    setErrors({});
    setMessage(null);
    form.reset();
    setOpen(false);
    router.refresh();
  }

  if (!open) {
    return (
      <button type="button" onClick={() => setOpen(true)} disabled={!hydrated} className="rounded-md px-4 py-2 text-sm font-semibold text-white shadow-sm" style={{ backgroundColor: "var(--primary-color)" }}>
        New property
      </button>
    );
  }
  return (
    <form onSubmit={submit} className="grid gap-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:grid-cols-2" aria-label="New property" noValidate>
      <Field name="name" label="Name" errors={errors}>
        <input id="name" name="name" required className={inputClass} aria-invalid={Boolean(errors.name)} />
      </Field>
      <Field name="address" label="Address" errors={errors}>
        <input id="address" name="address" required className={inputClass} aria-invalid={Boolean(errors.address)} />
      </Field>
      <Field name="price" label={`Price (${currency})`} errors={errors}>
        <input id="price" name="price" type="number" min="0" step="0.01" required className={inputClass} aria-invalid={Boolean(errors.price)} />
      </Field>
      <Field name="bedrooms" label="Bedrooms" errors={errors}>
        <input id="bedrooms" name="bedrooms" type="number" min="0" step="1" className={inputClass} />
      </Field>
      <Field name="type" label="Type" errors={errors}>
        <select id="type" name="type" className={inputClass} defaultValue="house">
          {PROPERTY_TYPES.map((type) => (
            <option key={type} value={type}>
              {type}
            </option>
          ))}
        </select>
      </Field>
      <Field name="status" label="Status" errors={errors}>
        <select id="status" name="status" className={inputClass} defaultValue="available">
          {PROPERTY_STATUSES.map((status) => (
            <option key={status} value={status}>
              {status.replace("_", " ")}
            </option>
          ))}
        </select>
      </Field>
      <div className="sm:col-span-2">
        <Field name="description" label="Description" errors={errors}>
          <textarea id="description" name="description" rows={3} className={inputClass} />
        </Field>
      </div>
      <label className="flex items-center gap-2 text-sm text-slate-700 sm:col-span-2">
        <input type="checkbox" name="published" /> Publish to the portal
      </label>
      <FormAlert message={message} className="sm:col-span-2" />
      <div className="flex gap-2 sm:col-span-2">
        <button type="submit" disabled={pending} className="rounded-md px-4 py-2 text-sm font-semibold text-white shadow-sm disabled:opacity-60" style={{ backgroundColor: "var(--primary-color)" }}>
          {pending ? "Saving…" : "Create property"}
        </button>
        <button type="button" onClick={() => setOpen(false)} className="rounded-md border border-slate-300 px-4 py-2 text-sm">
          Cancel
        </button>
      </div>
    </form>
  );
}
