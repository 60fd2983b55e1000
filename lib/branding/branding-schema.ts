import { z } from "zod";

export const THEMES = ["light", "dark"] as const;
/** Header and footer HTML, before sanitising. Defined here, not beside the sanitiser, so forms can import the schema without it. */
export const TENANT_HTML_MAX_LENGTH = 20_000;
/** date-fns style patterns the UI's date formatter understands. */
export const DATE_FORMATS = ["yyyy-MM-dd", "dd/MM/yyyy", "MM/dd/yyyy", "dd.MM.yyyy", "d MMM yyyy", "MMM d, yyyy"] as const;

/** Every IANA zone this runtime knows, for the settings' searchable list and the schema's check. */
export const TIME_ZONE_NAMES: readonly string[] = ["UTC", ...Intl.supportedValuesOf("timeZone").filter((zone) => zone !== "UTC")];
const TIME_ZONES = new Set(TIME_ZONE_NAMES);
const CURRENCIES = new Set(Intl.supportedValuesOf("currency"));

const emptyToNull = (value: unknown) => (typeof value === "string" && value.trim() === "" ? null : value);

const hexColor = z
  .string()
  .trim()
  .regex(/^#[0-9a-fA-F]{6}$/, "Use a hex colour such as #1d4ed8")
  .transform((value) => value.toLowerCase());

const httpsUrl = z
  .string()
  .trim()
  .max(2000)
  .pipe(z.url({ protocol: /^https$/, message: "Use an https:// URL" }));

/** An uploaded file of this tenant (served at /assets/…) or an https URL. */
const assetReference = z.union([z.string().regex(/^\/assets\/[A-Za-z0-9._/-]{1,200}$/, "Upload a file or use an https:// URL"), httpsUrl]);

const nullable = <Schema extends z.ZodType>(schema: Schema) => z.preprocess(emptyToNull, schema.nullable());

const jsonObject = z
  .record(z.string().max(100), z.json())
  .refine((value) => JSON.stringify(value).length <= 10_000, "At most 10,000 characters of JSON");

/** One schema for the branding settings, shared by the settings form, the API and the CLI. */
export const brandingSettingsSchema = z.object({
  theme: z.enum(THEMES),
  primaryColor: hexColor,
  secondaryColor: hexColor,
  logoUrl: nullable(assetReference),
  faviconUrl: nullable(assetReference),
  customCssUrl: nullable(assetReference),
  customJsUrl: nullable(httpsUrl),
  customHeaderHtml: nullable(z.string().max(TENANT_HTML_MAX_LENGTH)),
  customFooterHtml: nullable(z.string().max(TENANT_HTML_MAX_LENGTH)),
  timezone: z.string().refine((zone) => TIME_ZONES.has(zone), "Choose an IANA time zone such as Europe/Berlin"),
  dateFormat: z.enum(DATE_FORMATS),
  currency: z
    .string()
    .trim()
    .toUpperCase()
    .refine((code) => CURRENCIES.has(code), "Choose an ISO 4217 currency code such as EUR"),
  uiConfig: jsonObject.optional(),
  notificationSettings: jsonObject.optional(),
});
export type BrandingSettingsInput = z.input<typeof brandingSettingsSchema>;

/** A JSON object typed into a text field. */
const jsonObjectText = z
  .string()
  .transform((text, context) => {
    try {
      return JSON.parse(text.trim() === "" ? "{}" : text) as unknown;
    } catch {
      context.addIssue({ code: "custom", message: "Enter a JSON object, e.g. {}" });
      return z.NEVER;
    }
  })
  .pipe(z.custom<Record<string, unknown>>((value) => typeof value === "object" && value !== null && !Array.isArray(value), "Enter a JSON object, e.g. {}").pipe(jsonObject));

/** The settings form's version of the same schema: its JSON settings arrive as text. */
export const brandingFormSchema = brandingSettingsSchema.extend({ uiConfig: jsonObjectText, notificationSettings: jsonObjectText });
export type BrandingSettings = z.output<typeof brandingSettingsSchema>;

/** What GET /api/tenant/branding answers, and what the layout renders from. */
export interface Branding {
  name: string;
  logo: string | null;
  favicon: string | null;
  primaryColor: string;
  secondaryColor: string;
  theme: (typeof THEMES)[number];
  customCss: string | null;
  customJs: string | null;
  customHeader: string | null;
  customFooter: string | null;
  timezone: string;
  dateFormat: string;
  currency: string;
}
