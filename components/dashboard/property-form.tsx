"use client";

import { useForm, type FieldPath } from "react-hook-form";
import type { z } from "zod";
import { FormAlert } from "@/components/forms/form-alert";
import { FormField, inputClass } from "@/components/forms/form-field";
import { invalidProps, messagesByField, showActionError } from "@/components/forms/hook-form-errors";
import { SubmitButton } from "@/components/forms/submit-button";
import { useHydrated } from "@/components/forms/use-hydrated";
import { useTenant } from "@/components/tenant/tenant-provider";
import type { ActionResult } from "@/lib/http/tenant-action";
import { PROPERTY_STATUSES, PROPERTY_TYPES, propertyInputSchema, type PropertyView } from "@/lib/properties/property-schema";
import { propertyStatusLabel } from "@/components/property-status-badge";
import { textFormResolver } from "@/components/forms/text-form-resolver";

/** What the inputs hold: text as typed; the shared schema turns it into the API's input. */
export interface PropertyFormValues {
  name: string;
  address: string;
  price: string;
  type: (typeof PROPERTY_TYPES)[number];
  status: (typeof PROPERTY_STATUSES)[number];
  bedrooms: string;
  bathrooms: string;
  area: string;
  description: string;
  published: boolean;
}

export type PropertyFormOutput = z.output<typeof propertyInputSchema>;

const propertyFormResolver = textFormResolver<PropertyFormValues, typeof propertyInputSchema>(propertyInputSchema);

export function propertyFormValues(property?: PropertyView): PropertyFormValues {
  return {
    name: property?.name ?? "",
    address: property?.address ?? "",
    price: property?.price ?? "",
    type: (PROPERTY_TYPES as readonly string[]).includes(property?.type ?? "") ? (property!.type as PropertyFormValues["type"]) : "house",
    status: (PROPERTY_STATUSES as readonly string[]).includes(property?.status ?? "") ? (property!.status as PropertyFormValues["status"]) : "available",
    bedrooms: property?.bedrooms?.toString() ?? "",
    bathrooms: property?.bathrooms ?? "",
    area: property?.area ?? "",
    description: property?.description ?? "",
    published: property?.published ?? false,
  };
}

/**
 * Create and edit a property. The same zod schema as the API checks each field as it is left and again
 * on submit; the server's answer (which checks once more) lands on the same fields.
 */
export function PropertyForm({
  label,
  initial,
  showPublished,
  submitLabel,
  onSubmit,
  onSaved,
  onCancel,
}: {
  label: string;
  initial: PropertyFormValues;
  showPublished: boolean;
  submitLabel: string;
  onSubmit: (input: PropertyFormOutput) => Promise<ActionResult<PropertyView>>;
  onSaved: (property: PropertyView) => void;
  onCancel: () => void;
}) {
  const { currency } = useTenant();
  const hydrated = useHydrated();
  const form = useForm<PropertyFormValues, unknown, PropertyFormOutput>({ resolver: propertyFormResolver, mode: "onTouched", defaultValues: initial });
  const { errors, isSubmitting } = form.formState;
  const fieldErrors = messagesByField(errors);
  const invalid = (name: FieldPath<PropertyFormValues>) => invalidProps(errors, name);

  const submit = form.handleSubmit(async (input) => {
    const result = await onSubmit(input);
    if (result.ok) return onSaved(result.data);
    showActionError(form, result.error);
  });

  return (
    <form onSubmit={(event) => void submit(event)} className="grid gap-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:grid-cols-2" aria-label={label} noValidate>
      <fieldset disabled={!hydrated} className="contents">
        <FormField name="name" label="Name" errors={fieldErrors}>
          <input id="name" {...form.register("name")} className={inputClass} {...invalid("name")} />
        </FormField>
        <FormField name="address" label="Address" errors={fieldErrors}>
          <input id="address" {...form.register("address")} className={inputClass} {...invalid("address")} />
        </FormField>
        <FormField name="price" label={`Price (${currency})`} errors={fieldErrors}>
          <input id="price" type="number" min="0" step="0.01" inputMode="decimal" {...form.register("price")} className={inputClass} {...invalid("price")} />
        </FormField>
        <FormField name="type" label="Type" errors={fieldErrors}>
          <select id="type" {...form.register("type")} className={inputClass} {...invalid("type")}>
            {PROPERTY_TYPES.map((type) => (
              <option key={type} value={type}>
                {type}
              </option>
            ))}
          </select>
        </FormField>
        <FormField name="status" label="Status" errors={fieldErrors}>
          <select id="status" {...form.register("status")} className={inputClass} {...invalid("status")}>
            {PROPERTY_STATUSES.map((status) => (
              <option key={status} value={status}>
                {propertyStatusLabel(status)}
              </option>
            ))}
          </select>
        </FormField>
        <FormField name="bedrooms" label="Bedrooms" errors={fieldErrors}>
          <input id="bedrooms" type="number" min="0" step="1" inputMode="numeric" {...form.register("bedrooms")} className={inputClass} {...invalid("bedrooms")} />
        </FormField>
        <FormField name="bathrooms" label="Bathrooms" errors={fieldErrors} hint="In steps of 0.5">
          <input id="bathrooms" type="number" min="0" step="0.5" inputMode="decimal" {...form.register("bathrooms")} className={inputClass} {...invalid("bathrooms")} />
        </FormField>
        <FormField name="area" label="Area (m²)" errors={fieldErrors}>
          <input id="area" type="number" min="0" step="0.01" inputMode="decimal" {...form.register("area")} className={inputClass} {...invalid("area")} />
        </FormField>
        <div className="sm:col-span-2">
          <FormField name="description" label="Description" errors={fieldErrors}>
            <textarea id="description" rows={3} {...form.register("description")} className={inputClass} {...invalid("description")} />
          </FormField>
        </div>
        {showPublished ? (
          <label className="flex items-center gap-2 text-sm text-slate-700 sm:col-span-2">
            <input type="checkbox" {...form.register("published")} /> Publish to the portal
          </label>
        ) : null}
        <FormAlert message={errors.root?.message} className="sm:col-span-2" />
        <div className="flex gap-2 sm:col-span-2">
          <SubmitButton pending={isSubmitting} pendingLabel="Saving…">
            {submitLabel}
          </SubmitButton>
          <button type="button" onClick={onCancel} className="rounded-md border border-slate-300 px-4 py-2 text-sm">
            Cancel
          </button>
        </div>
      </fieldset>
    </form>
  );
}
