import { FormField, inputClass, type FieldErrors } from "@/components/forms/form-field";
import type { ParsedPortalPropertyQuery, PortalFilterField } from "@/lib/portal/portal-property-schema";
import type { PortalFilters as ReadPortalFilters } from "@/lib/portal/read-portal-filters";
import { PROPERTY_TYPES } from "@/lib/properties/property-schema";
import { propertyTypeLabel } from "./property-type-label";

const FIELD_LABELS = { q: "Search", type: "Type", minPrice: "Min price", maxPrice: "Max price", minBedrooms: "Min bedrooms" } as const;

/**
 * The portal's filters: a plain GET form, so the filters live in the URL (bookmarkable, shareable) and
 * work without JavaScript. Values the URL held but the schema refused are listed, not silently lost.
 */
export function PortalFilters({ query, ignored }: { query: ParsedPortalPropertyQuery; ignored: ReadPortalFilters["ignored"] }) {
  const errors: FieldErrors = {};
  for (const { field, message } of ignored) (errors[field] ??= []).push(message);
  const invalid = (field: PortalFilterField) => (errors[field] ? { "aria-invalid": true, "aria-describedby": `${field}-error` } : {});
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      {ignored.length > 0 ? (
        <div role="alert" className="mb-4 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
          <p className="font-medium">Some filters were ignored because they are not valid:</p>
          <ul className="mt-1 list-disc pl-5">
            {ignored.map(({ field, value, message }) => (
              <li key={field}>
                {field === "cursor" ? "The page link is not valid, so the first page is shown." : `${message}: “${value}” was ignored.`}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <form method="get" action="/" aria-label="Filter properties" className="grid gap-3 sm:grid-cols-2 lg:grid-cols-[2fr_1fr_1fr_1fr_1fr_auto] lg:items-end">
        <FormField name="q" label={FIELD_LABELS.q} errors={errors}>
          <input id="q" name="q" type="search" defaultValue={query.q ?? ""} placeholder="Name or address" maxLength={200} className={inputClass} {...invalid("q")} />
        </FormField>
        <FormField name="type" label={FIELD_LABELS.type} errors={errors}>
          <select id="type" name="type" defaultValue={query.type ?? ""} className={inputClass} {...invalid("type")}>
            <option value="">Any type</option>
            {PROPERTY_TYPES.map((type) => (
              <option key={type} value={type}>
                {propertyTypeLabel(type)}
              </option>
            ))}
          </select>
        </FormField>
        <FormField name="minPrice" label={FIELD_LABELS.minPrice} errors={errors}>
          <input id="minPrice" name="minPrice" type="number" inputMode="numeric" min="0" step="any" defaultValue={query.minPrice?.toString() ?? ""} className={inputClass} {...invalid("minPrice")} />
        </FormField>
        <FormField name="maxPrice" label={FIELD_LABELS.maxPrice} errors={errors}>
          <input id="maxPrice" name="maxPrice" type="number" inputMode="numeric" min="0" step="any" defaultValue={query.maxPrice?.toString() ?? ""} className={inputClass} {...invalid("maxPrice")} />
        </FormField>
        <FormField name="minBedrooms" label={FIELD_LABELS.minBedrooms} errors={errors}>
          <input id="minBedrooms" name="minBedrooms" type="number" inputMode="numeric" min="0" step="1" defaultValue={query.minBedrooms?.toString() ?? ""} className={inputClass} {...invalid("minBedrooms")} />
        </FormField>
        <div className="flex items-center gap-3 sm:col-span-2 lg:col-span-1">
          <button type="submit" className="rounded-md px-4 py-2 text-sm font-medium text-white shadow-sm" style={{ backgroundColor: "var(--primary-color)" }}>
            Apply filters
          </button>
          <a href="/" className="text-sm text-slate-600 underline">
            Clear
          </a>
        </div>
      </form>
    </div>
  );
}
