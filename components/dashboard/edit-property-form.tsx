"use client";

import { useRouter } from "next/navigation";
import { PropertyForm, propertyFormValues, type PropertyFormOutput } from "@/components/dashboard/property-form";
import type { ActionResult } from "@/lib/http/tenant-action";
import type { PropertyView } from "@/lib/properties/property-schema";

/** Edits every field but publishing (the property page has its own publish button); back to the property when saved. */
export function EditPropertyForm({ property, action }: { property: PropertyView; action: (input: PropertyFormOutput & { id: string }) => Promise<ActionResult<PropertyView>> }) {
  const router = useRouter();
  const detail = `/dashboard/properties/${property.id}`;
  return (
    <PropertyForm
      label="Edit property"
      initial={propertyFormValues(property)}
      showPublished={false}
      submitLabel="Save changes"
      onSubmit={(changes) => action({ ...changes, id: property.id })}
      onSaved={() => {
        router.push(`${detail}?notice=property-saved`);
        router.refresh();
      }}
      onCancel={() => router.push(detail)}
    />
  );
}
