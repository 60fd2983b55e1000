"use client";

import { Plus } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { PropertyForm, propertyFormValues, type PropertyFormOutput } from "@/components/dashboard/property-form";
import { useHydrated } from "@/components/forms/use-hydrated";
import type { ActionResult } from "@/lib/http/tenant-action";
import type { PropertyView } from "@/lib/properties/property-schema";

/** "New property" opens the form in place; the created property then opens on its own page, with a toast. */
export function NewPropertyForm({ action }: { action: (input: PropertyFormOutput) => Promise<ActionResult<PropertyView>> }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  // The button only works once React is there to open the form.
  const hydrated = useHydrated();
  if (!open) {
    return (
      <button
        type="button"
        onClick={() => setOpen(true)}
        disabled={!hydrated}
        className="inline-flex items-center gap-1.5 rounded-md px-4 py-2 text-sm font-semibold text-white shadow-sm"
        style={{ backgroundColor: "var(--primary-color)" }}
      >
        <Plus aria-hidden className="size-4" /> New property
      </button>
    );
  }
  return (
    <PropertyForm
      label="New property"
      initial={propertyFormValues()}
      showPublished
      submitLabel="Create property"
      onSubmit={action}
      onSaved={(property) => router.push(`/dashboard/properties/${property.id}?notice=property-created`)}
      onCancel={() => setOpen(false)}
    />
  );
}
