"use client";

import { useRouter } from "next/navigation";
import { useState, type ChangeEvent, type CSSProperties, type FormEvent } from "react";
import { useHydrated } from "@/components/forms/use-hydrated";
import { FormField as Field, inputClass, type FieldErrors } from "@/components/forms/form-field";
import { DATE_FORMATS, THEMES, type BrandingSettings, type BrandingSettingsInput } from "@/lib/branding/branding-schema";
import type { ActionResult } from "@/lib/http/tenant-action";
import { SubmitButton } from "@/components/forms/submit-button";

type Values = Omit<BrandingSettings, "uiConfig" | "notificationSettings">;
type JsonFields = { uiConfig: string; notificationSettings: string };

function parseJsonObject(text: string): Record<string, never> | null {
  try {
    const value: unknown = JSON.parse(text || "{}");
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, never>) : null;
  } catch {
    return null;
  }
}

/** Settings → Branding with a live preview; the server validates with the same schema and sanitises the HTML. */
export function BrandingSettingsForm({
  tenantName,
  initial,
  customJsAllowed,
  save,
}: {
  tenantName: string;
  initial: Values & { uiConfig: Record<string, unknown>; notificationSettings: Record<string, unknown> };
  customJsAllowed: boolean;
  save: (input: BrandingSettingsInput) => Promise<ActionResult<BrandingSettings>>;
}) {
  const router = useRouter();
  const { uiConfig, notificationSettings, ...initialValues } = initial;
  const [values, setValues] = useState<Values>(initialValues);
  const [json, setJson] = useState<JsonFields>({ uiConfig: JSON.stringify(uiConfig, null, 2), notificationSettings: JSON.stringify(notificationSettings, null, 2) });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<{ tone: "ok" | "error"; text: string } | null>(null);
  const [pending, setPending] = useState(false);
  const hydrated = useHydrated();

  const set = (name: keyof Values) => (event: ChangeEvent<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>) => setValues((current) => ({ ...current, [name]: event.target.value }));

  async function upload(kind: "logo" | "favicon" | "css", field: "logoUrl" | "faviconUrl" | "customCssUrl", event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    if (!file) return;
    const body = new FormData();
    body.set("kind", kind);
    body.set("file", file);
    const response = await fetch("/api/v1/branding/assets", { method: "POST", body });
    const answer = (await response.json()) as { reference?: string; message?: string };
    if (!response.ok || !answer.reference) {
      setErrors((current) => ({ ...current, [field]: [answer.message ?? "Upload failed"] }));
      return;
    }
    setValues((current) => ({ ...current, [field]: answer.reference ?? null }));
    setErrors((current) => ({ ...current, [field]: [] }));
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsedUiConfig = parseJsonObject(json.uiConfig);
    const parsedNotifications = parseJsonObject(json.notificationSettings);
    if (!parsedUiConfig || !parsedNotifications) {
      setErrors({ ...(parsedUiConfig ? {} : { uiConfig: ["Enter a JSON object, e.g. {}"] }), ...(parsedNotifications ? {} : { notificationSettings: ["Enter a JSON object, e.g. {}"] }) });
      setMessage({ tone: "error", text: "Branding not saved: some fields are invalid" });
      return;
    }
    setPending(true);
    const result = await save({ ...values, uiConfig: parsedUiConfig, notificationSettings: parsedNotifications });
    setPending(false);
    if (!result.ok) {
      setErrors(result.error.fieldErrors ?? {});
      setMessage({ tone: "error", text: result.error.message });
      return;
    }
    setErrors({});
    setValues((current) => ({ ...current, customHeaderHtml: result.data.customHeaderHtml, customFooterHtml: result.data.customFooterHtml }));
    setMessage({ tone: "ok", text: "Branding saved. Your portal shows it from the next page load." });
    router.refresh();
  }

  const preview = { "--preview-primary": values.primaryColor, "--preview-secondary": values.secondaryColor } as CSSProperties;

  return (
    <div className="grid gap-8 lg:grid-cols-[1fr_18rem]">
      <form onSubmit={submit} className="grid gap-4 sm:grid-cols-2" aria-label="Branding" noValidate>
        {/* Every field is React state: typing before hydration would be thrown away. */}
        <fieldset disabled={!hydrated} className="contents">
        <Field name="theme" label="Theme" errors={errors}>
          <select id="theme" value={values.theme} onChange={set("theme")} className={inputClass}>
            {THEMES.map((theme) => (
              <option key={theme}>{theme}</option>
            ))}
          </select>
        </Field>
        <Field name="currency" label="Currency" errors={errors} hint="ISO 4217, e.g. EUR">
          <input id="currency" value={values.currency} onChange={set("currency")} className={inputClass} />
        </Field>
        <Field name="primaryColor" label="Primary colour" errors={errors} hint="Hex, e.g. #1d4ed8">
          <input id="primaryColor" value={values.primaryColor} onChange={set("primaryColor")} className={inputClass} />
        </Field>
        <Field name="secondaryColor" label="Secondary colour" errors={errors}>
          <input id="secondaryColor" value={values.secondaryColor} onChange={set("secondaryColor")} className={inputClass} />
        </Field>
        <Field name="timezone" label="Time zone" errors={errors} hint="IANA name, e.g. Europe/Berlin">
          <input id="timezone" value={values.timezone} onChange={set("timezone")} className={inputClass} />
        </Field>
        <Field name="dateFormat" label="Date format" errors={errors}>
          <select id="dateFormat" value={values.dateFormat} onChange={set("dateFormat")} className={inputClass}>
            {DATE_FORMATS.map((format) => (
              <option key={format}>{format}</option>
            ))}
          </select>
        </Field>
        <Field name="logoUrl" label="Logo URL" errors={errors} hint="https:// URL, or upload (PNG, JPEG, GIF, WebP; 512 KB)">
          <input id="logoUrl" value={values.logoUrl ?? ""} onChange={set("logoUrl")} className={inputClass} />
          <input type="file" aria-label="Upload logo" accept="image/png,image/jpeg,image/gif,image/webp" onChange={(event) => void upload("logo", "logoUrl", event)} className="mt-2 text-xs" />
        </Field>
        <Field name="faviconUrl" label="Favicon URL" errors={errors} hint="https:// URL, or upload (ICO, PNG; 128 KB)">
          <input id="faviconUrl" value={values.faviconUrl ?? ""} onChange={set("faviconUrl")} className={inputClass} />
          <input type="file" aria-label="Upload favicon" accept="image/x-icon,image/png" onChange={(event) => void upload("favicon", "faviconUrl", event)} className="mt-2 text-xs" />
        </Field>
        <Field name="customCssUrl" label="Custom CSS URL" errors={errors} hint="https:// URL, or upload a stylesheet (256 KB)">
          <input id="customCssUrl" value={values.customCssUrl ?? ""} onChange={set("customCssUrl")} className={inputClass} />
          <input type="file" aria-label="Upload stylesheet" accept="text/css" onChange={(event) => void upload("css", "customCssUrl", event)} className="mt-2 text-xs" />
        </Field>
        <Field name="customJsUrl" label="Custom JavaScript URL" errors={errors} hint={customJsAllowed ? "https:// only; runs on the portal, never on staff pages" : "Not included in your plan"}>
          <input id="customJsUrl" value={values.customJsUrl ?? ""} onChange={set("customJsUrl")} className={inputClass} />
        </Field>
        <div className="sm:col-span-2">
          <Field name="customHeaderHtml" label="Portal header HTML" errors={errors} hint="Links, text and images only; anything else is removed when you save.">
            <textarea id="customHeaderHtml" rows={3} value={values.customHeaderHtml ?? ""} onChange={set("customHeaderHtml")} className={`${inputClass} font-mono`} />
          </Field>
        </div>
        <div className="sm:col-span-2">
          <Field name="customFooterHtml" label="Portal footer HTML" errors={errors}>
            <textarea id="customFooterHtml" rows={3} value={values.customFooterHtml ?? ""} onChange={set("customFooterHtml")} className={`${inputClass} font-mono`} />
          </Field>
        </div>
        <Field name="uiConfig" label="UI configuration (JSON)" errors={errors}>
          <textarea id="uiConfig" rows={3} value={json.uiConfig} onChange={(event) => setJson((current) => ({ ...current, uiConfig: event.target.value }))} className={`${inputClass} font-mono`} />
        </Field>
        <Field name="notificationSettings" label="Notification settings (JSON)" errors={errors}>
          <textarea id="notificationSettings" rows={3} value={json.notificationSettings} onChange={(event) => setJson((current) => ({ ...current, notificationSettings: event.target.value }))} className={`${inputClass} font-mono`} />
        </Field>
        {message ? (
          <p role={message.tone === "error" ? "alert" : "status"} data-testid="branding-message" className={`rounded-md px-3 py-2 text-sm sm:col-span-2 ${message.tone === "error" ? "bg-red-50 text-red-800" : "bg-green-50 text-green-800"}`}>
            {message.text}
          </p>
        ) : null}
        </fieldset>
        <div className="sm:col-span-2">
          <SubmitButton pending={pending} pendingLabel="Saving…" disabled={!hydrated}>
            Save branding
          </SubmitButton>
        </div>
      </form>
      <aside aria-label="Preview" style={preview} className="h-fit overflow-hidden rounded-lg border border-slate-200 bg-white shadow-sm">
        <div className="flex items-center gap-2 px-4 py-3" style={{ borderTop: "4px solid var(--preview-primary)" }}>
          {/* Preview only: what the tenant typed, same as the portal header will show. */}
          {/* eslint-disable-next-line @next/next/no-img-element */}
          {values.logoUrl ? <img src={values.logoUrl} alt="" className="h-6 w-auto" /> : null}
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
