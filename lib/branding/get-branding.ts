import { LRUCache } from "lru-cache";
import { sharedDbFor } from "@/lib/db/shared-client";
import type { TenantRef } from "@/lib/tenancy/context";
import { clearOnTenantChange } from "@/lib/tenancy/tenant-cache";
import { featureEnabled, tenantProfile } from "@/lib/tenant-profile/tenant-profile";
import { THEMES, type Branding, type BrandingSettings } from "./branding-schema";
import { sanitizeTenantHtml } from "./sanitize-tenant-html";

const CACHE_KEY = Symbol.for("asset-anchor.branding-cache");
type GlobalWithCache = typeof globalThis & { [CACHE_KEY]?: LRUCache<string, Branding> };
const globalWithCache = globalThis as GlobalWithCache;

function cache(): LRUCache<string, Branding> {
  let entries = globalWithCache[CACHE_KEY];
  if (!entries) {
    const created = new LRUCache<string, Branding>({ max: 5_000, ttl: 60_000 });
    globalWithCache[CACHE_KEY] = entries = created;
    clearOnTenantChange((tenantId) => (tenantId === null ? created.clear() : created.delete(tenantId)));
  }
  return entries;
}

/** Custom JS runs only where the tenant's profile has the `customJs` feature (its plan's, or a platform admin's flag). */
export async function customJsAllowed(tenantId: string): Promise<boolean> {
  return featureEnabled(await tenantProfile(tenantId), "customJs");
}

export async function getBrandingSettings(
  tenantId: string,
): Promise<BrandingSettings & { uiConfig: Record<string, never>; notificationSettings: Record<string, never>; featureFlags: Record<string, unknown> }> {
  const row = await sharedDbFor(tenantId).tenantSettings.findUniqueOrThrow({ where: { tenantId } });
  const asObject = (value: unknown) => (typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, never>) : {});
  return {
    theme: (THEMES as readonly string[]).includes(row.theme) ? (row.theme as BrandingSettings["theme"]) : "light",
    primaryColor: row.primaryColor,
    secondaryColor: row.secondaryColor,
    logoUrl: row.logoUrl,
    faviconUrl: row.faviconUrl,
    customCssUrl: row.customCssUrl,
    customJsUrl: row.customJsUrl,
    customHeaderHtml: row.customHeaderHtml,
    customFooterHtml: row.customFooterHtml,
    timezone: row.timezone,
    dateFormat: row.dateFormat as BrandingSettings["dateFormat"],
    currency: row.currency,
    uiConfig: asObject(row.uiConfig),
    notificationSettings: asObject(row.notificationSettings),
    featureFlags: asObject(row.featureFlags),
  };
}

/**
 * The tenant's branding as pages and GET /api/tenant/branding use it: cached in-process and dropped on
 * every tenant change (settings saves publish one), so an edit shows on the next request. HTML is
 * sanitised again on the way out, whatever is stored.
 */
export async function getBranding(tenant: Pick<TenantRef, "id" | "name">): Promise<Branding> {
  const hit = cache().get(tenant.id);
  if (hit) return hit;
  const [settings, jsAllowed] = await Promise.all([getBrandingSettings(tenant.id), customJsAllowed(tenant.id)]);
  const branding: Branding = {
    name: tenant.name,
    logo: settings.logoUrl,
    favicon: settings.faviconUrl,
    primaryColor: settings.primaryColor,
    secondaryColor: settings.secondaryColor,
    theme: settings.theme,
    customCss: settings.customCssUrl,
    customJs: jsAllowed ? settings.customJsUrl : null,
    customHeader: sanitizeTenantHtml(settings.customHeaderHtml),
    customFooter: sanitizeTenantHtml(settings.customFooterHtml),
    timezone: settings.timezone,
    dateFormat: settings.dateFormat,
    currency: settings.currency,
  };
  cache().set(tenant.id, branding);
  return branding;
}
