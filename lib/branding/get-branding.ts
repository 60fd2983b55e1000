import { sharedDbFor } from "@/lib/db/shared-client";
import type { TenantRef } from "@/lib/tenancy/context";
import { featureEnabled, tenantProfile } from "@/lib/tenant-profile/tenant-profile";
import { cachedBranding } from "./branding-cache";
import { THEMES, type Branding, type BrandingSettings } from "./branding-schema";
import { sanitizeTenantHtml } from "./sanitize-tenant-html";

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
 * The tenant's branding as pages and GET /api/tenant/branding use it: cached in this process and in
 * Redis for 1 h (lib/branding/branding-cache.ts), dropped for this tenant only on each of its changes
 * (settings saves publish one), so an edit shows on the next request. HTML is sanitised again on the
 * way out, whatever is stored.
 */
export function getBranding(tenant: Pick<TenantRef, "id" | "name">): Promise<Branding> {
  return cachedBranding(tenant.id, () => loadBranding(tenant));
}

async function loadBranding(tenant: Pick<TenantRef, "id" | "name">): Promise<{ branding: Branding; cacheBytes: number }> {
  const [settings, profile] = await Promise.all([getBrandingSettings(tenant.id), tenantProfile(tenant.id)]);
  const jsAllowed = featureEnabled(profile, "customJs");
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
  return { branding, cacheBytes: profile.limits.cacheBytes };
}
