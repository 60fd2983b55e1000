"use client";

import { useRouter } from "next/navigation";
import { contrastRatio, TEXT_CONTRAST_MINIMUM } from "@/lib/branding/colour-contrast";
import { useState, type ChangeEvent, type CSSProperties } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { FormField as Field, inputClass } from "@/components/forms/form-field";
import { invalidProps, messagesByField, showActionError } from "@/components/forms/hook-form-errors";
import { SubmitButton } from "@/components/forms/submit-button";
import { useHydrated } from "@/components/forms/use-hydrated";
import { brandingFormSchema, DATE_FORMATS, THEMES, type BrandingSettings, type BrandingSettingsInput } from "@/lib/branding/branding-schema";
import type { ActionResult } from "@/lib/http/tenant-action";
import { textFormResolver } from "@/components/forms/text-form-resolver";

/** What the inputs hold: text as typed (JSON settings too); the form's schema turns it into the API's input. */
interface BrandingFormValues {
  theme: (typeof THEMES)[number];
  primaryColor: string;
  secondaryColor: string;
  logoUrl: string;
  faviconUrl: string;
  customCssUrl: string;
  customJsUrl: string;
  customHeaderHtml: string;
  customFooterHtml: string;
  timezone: string;
  dateFormat: (typeof DATE_FORMATS)[number];
  currency: string;
  uiConfig: string;
  notificationSettings: string;
}
type BrandingFormOutput = z.output<typeof brandingFormSchema>;
type AssetField = "logoUrl" | "faviconUrl" | "customCssUrl";

const brandingFormResolver = textFormResolver<BrandingFormValues, typeof brandingFormSchema>(brandingFormSchema);

function formValues(settings: BrandingSettings): BrandingFormValues {
  return {
    theme: settings.theme,
    primaryColor: settings.primaryColor,
    secondaryColor: settings.secondaryColor,
    logoUrl: settings.logoUrl ?? "",
    faviconUrl: settings.faviconUrl ?? "",
    customCssUrl: settings.customCssUrl ?? "",
    customJsUrl: settings.customJsUrl ?? "",
    customHeaderHtml: settings.customHeaderHtml ?? "",
    customFooterHtml: settings.customFooterHtml ?? "",
    timezone: settings.timezone,
    dateFormat: settings.dateFormat,
    currency: settings.currency,
    uiConfig: JSON.stringify(settings.uiConfig ?? {}, null, 2),
    notificationSettings: JSON.stringify(settings.notificationSettings ?? {}, null, 2),
  };
}

/** Settings → Branding with a live preview; the API's schema checks each field, the server sanitises the HTML. */
const HEX_COLOUR = /^#[0-9a-f]{6}$/i;

/** The two brand colours: where each is used, which is what its contrast is checked against. */
const COLOUR_FIELDS = [
  { name: "primaryColor", label: "Primary colour", pickerLabel: "Choose the primary brand colour", hint: "Buttons and links, with white text on it", contrastUse: "White text on this colour" },
  { name: "secondaryColor", label: "Secondary colour", pickerLabel: "Choose the secondary brand colour", hint: "Your name in the header, on white", contrastUse: "This colour as text on white" },
] as const;
const colourSwatchClass = "h-9 w-12 shrink-0 cursor-pointer rounded-md border border-slate-300 bg-white p-0.5";
const fileInputClass =
  "mt-2 block w-full text-xs text-slate-600 file:mr-3 file:cursor-pointer file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-1.5 file:text-sm file:font-medium file:text-slate-700 hover:file:bg-slate-50";

/** Says when a colour is too faint for text (WCAG: 4.5:1); a warning, not a refusal. */
function ContrastWarning({ id, colour, against, use }: { id: string; colour: string; against: string; use: string }) {
  const ratio = contrastRatio(colour, against);
  if (ratio === null || ratio >= TEXT_CONTRAST_MINIMUM) return null;
  return (
    <p id={id} role="status" className="mt-1 text-sm text-amber-800">
      {use} has a contrast of {ratio.toFixed(1)}:1, below the {TEXT_CONTRAST_MINIMUM}:1 that text needs to be readable.
    </p>
  );
}

export function BrandingSettingsForm({
  tenantName,
  initial,
  customJsAllowed,
  timeZones,
  save,
}: {
  tenantName: string;
  initial: BrandingSettings;
  customJsAllowed: boolean;
  /** From the server, so the list the browser shows is the one the server accepts. */
  timeZones: readonly string[];
  save: (input: BrandingSettingsInput) => Promise<ActionResult<BrandingSettings>>;
}) {
  const router = useRouter();
  const hydrated = useHydrated();
  const [saved, setSaved] = useState(false);
  const form = useForm<BrandingFormValues, unknown, BrandingFormOutput>({ resolver: brandingFormResolver, mode: "onTouched", defaultValues: formValues(initial) });
  const { errors, isSubmitting } = form.formState;
  const fieldErrors = messagesByField(errors);
  const invalid = (name: keyof BrandingFormValues) => invalidProps(errors, name);
  const [primaryColor, secondaryColor, logoUrl] = form.watch(["primaryColor", "secondaryColor", "logoUrl"]);

  async function upload(kind: "logo" | "favicon" | "css", field: AssetField, event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    if (!file) return;
    const body = new FormData();
    body.set("kind", kind);
    body.set("file", file);
    const response = await fetch("/api/v1/branding/assets", { method: "POST", body });
    const answer = (await response.json()) as { reference?: string; message?: string };
    if (!response.ok || !answer.reference) {
      form.setError(field, { type: "server", message: answer.message ?? "Upload failed" });
      return;
    }
    form.setValue(field, answer.reference, { shouldDirty: true, shouldValidate: true });
  }

  const submit = form.handleSubmit(async (input) => {
    setSaved(false);
    const result = await save(input);
    if (!result.ok) return showActionError(form, result.error);
    // The server sanitised the HTML: show what was stored.
    form.reset(formValues(result.data));
    setSaved(true);
    router.refresh();
  });
  const message = errors.root?.message
    ? { tone: "error" as const, text: errors.root.message }
    : Object.keys(fieldErrors).length > 0 && form.formState.isSubmitted
      ? { tone: "error" as const, text: "Branding not saved: some fields are invalid" }
      : saved
        ? { tone: "ok" as const, text: "Branding saved. Your portal shows it from the next page load." }
        : null;

  const preview = { "--preview-primary": primaryColor, "--preview-secondary": secondaryColor } as CSSProperties;

  return (
    <div className="grid gap-8 lg:grid-cols-[1fr_18rem]">
      <form onSubmit={(event) => void submit(event)} className="grid gap-4 sm:grid-cols-2" aria-label="Branding" noValidate>
        <fieldset disabled={!hydrated} className="contents">
        <Field name="theme" label="Theme" errors={fieldErrors}>
          <select id="theme" {...form.register("theme")} {...invalid("theme")} className={inputClass}>
            {THEMES.map((theme) => (
              <option key={theme}>{theme}</option>
            ))}
          </select>
        </Field>
        <Field name="currency" label="Currency" errors={fieldErrors} hint="ISO 4217, e.g. EUR">
          <input id="currency" {...form.register("currency")} {...invalid("currency")} className={inputClass} />
        </Field>
        {COLOUR_FIELDS.map((field) => {
          const value = field.name === "primaryColor" ? primaryColor : secondaryColor;
          return (
            <Field key={field.name} name={field.name} label={field.label} errors={fieldErrors} hint={field.hint}>
              <div className="mt-1 flex items-center gap-2">
                <input
                  type="color"
                  aria-label={field.pickerLabel}
                  value={HEX_COLOUR.test(value) ? value : "#000000"}
                  onChange={(event) => form.setValue(field.name, event.target.value, { shouldDirty: true, shouldValidate: true })}
                  className={colourSwatchClass}
                />
                <input id={field.name} {...form.register(field.name)} {...invalid(field.name)} className={`${inputClass} mt-0`} />
              </div>
              <ContrastWarning id={`${field.name}-contrast`} colour={value} against="#ffffff" use={field.contrastUse} />
            </Field>
          );
        })}
        <Field name="timezone" label="Time zone" errors={fieldErrors} hint="Start typing a city or region, e.g. Berlin">
          <input id="timezone" list="time-zone-options" autoComplete="off" {...form.register("timezone")} {...invalid("timezone")} className={inputClass} />
          <datalist id="time-zone-options">
            {timeZones.map((zone) => (
              <option key={zone} value={zone} />
            ))}
          </datalist>
        </Field>
        <Field name="dateFormat" label="Date format" errors={fieldErrors}>
          <select id="dateFormat" {...form.register("dateFormat")} {...invalid("dateFormat")} className={inputClass}>
            {DATE_FORMATS.map((format) => (
              <option key={format}>{format}</option>
            ))}
          </select>
        </Field>
        <Field name="logoUrl" label="Logo URL" errors={fieldErrors} hint="https:// URL, or upload (PNG, JPEG, GIF, WebP; 512 KB)">
          <input id="logoUrl" {...form.register("logoUrl")} {...invalid("logoUrl")} className={inputClass} />
          <input type="file" aria-label="Upload logo" accept="image/png,image/jpeg,image/gif,image/webp" onChange={(event) => void upload("logo", "logoUrl", event)} className={fileInputClass} />
        </Field>
        <Field name="faviconUrl" label="Favicon URL" errors={fieldErrors} hint="https:// URL, or upload (ICO, PNG; 128 KB)">
          <input id="faviconUrl" {...form.register("faviconUrl")} {...invalid("faviconUrl")} className={inputClass} />
          <input type="file" aria-label="Upload favicon" accept="image/x-icon,image/png" onChange={(event) => void upload("favicon", "faviconUrl", event)} className={fileInputClass} />
        </Field>
        <Field name="customCssUrl" label="Custom CSS URL" errors={fieldErrors} hint="https:// URL, or upload a stylesheet (256 KB)">
          <input id="customCssUrl" {...form.register("customCssUrl")} {...invalid("customCssUrl")} className={inputClass} />
          <input type="file" aria-label="Upload stylesheet" accept="text/css" onChange={(event) => void upload("css", "customCssUrl", event)} className={fileInputClass} />
        </Field>
        <Field name="customJsUrl" label="Custom JavaScript URL" errors={fieldErrors} hint={customJsAllowed ? "https:// only; runs only on the portal pages of your verified custom domain — never on this workspace address or staff pages" : "Not included in your plan"}>
          <input id="customJsUrl" {...form.register("customJsUrl")} {...invalid("customJsUrl")} className={inputClass} />
        </Field>
        <div className="sm:col-span-2">
          <Field name="customHeaderHtml" label="Portal header HTML" errors={fieldErrors} hint="Links, text and images only; anything else is removed when you save.">
            <textarea id="customHeaderHtml" rows={3} {...form.register("customHeaderHtml")} {...invalid("customHeaderHtml")} className={`${inputClass} font-mono`} />
          </Field>
        </div>
        <div className="sm:col-span-2">
          <Field name="customFooterHtml" label="Portal footer HTML" errors={fieldErrors}>
            <textarea id="customFooterHtml" rows={3} {...form.register("customFooterHtml")} {...invalid("customFooterHtml")} className={`${inputClass} font-mono`} />
          </Field>
        </div>
        {message ? (
          <p role={message.tone === "error" ? "alert" : "status"} data-testid="branding-message" className={`rounded-md px-3 py-2 text-sm sm:col-span-2 ${message.tone === "error" ? "bg-red-50 text-red-800" : "bg-green-50 text-green-800"}`}>
            {message.text}
          </p>
        ) : null}
        </fieldset>
        <div className="sm:col-span-2">
          <SubmitButton pending={isSubmitting} pendingLabel="Saving…" disabled={!hydrated}>
            Save branding
          </SubmitButton>
        </div>
      </form>
      <aside aria-label="Preview" style={preview} className="h-fit overflow-hidden rounded-lg border border-slate-200 bg-white shadow-sm">
        <div className="flex items-center gap-2 px-4 py-3" style={{ borderTop: "4px solid var(--preview-primary)" }}>
          {/* Preview only: what the tenant typed, same as the portal header will show. */}
          {/* eslint-disable-next-line @next/next/no-img-element */}
          {logoUrl ? <img src={logoUrl} alt="" className="h-6 w-auto" /> : null}
          <span className="font-bold" style={{ color: "var(--preview-secondary)" }}>
            {tenantName}
          </span>
        </div>
        <div className="space-y-2 px-4 pb-4 text-sm text-slate-600">
          <p>Preview of your portal&apos;s header and buttons.</p>
          <span className="inline-block rounded-md px-3 py-1.5 font-semibold text-white" style={{ backgroundColor: "var(--preview-primary)" }} data-testid="preview-button">
            Enquire
          </span>
        </div>
      </aside>
    </div>
  );
}
