import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Identity } from "@/lib/auth/identity";
import { sharedDbFor } from "@/lib/db/shared-client";
import { AppError } from "@/lib/errors/app-error";
import { assertTenantKey } from "@/lib/storage/tenant-object-key";
import type { TenantRequestContext } from "@/lib/tenancy/context";
import { assertFeatureInPlan } from "@/lib/tenant-profile/plan-limit";
import { tenantProfile } from "@/lib/tenant-profile/tenant-profile";
import { publishTenantChange } from "@/lib/tenants/publish-tenant-change";
import { brandingSettingsSchema, type BrandingSettings, type BrandingSettingsInput } from "./branding-schema";
import { sanitizeTenantHtml } from "./sanitize-tenant-html";

/** `/assets/<key>` references must name this tenant's own files. */
function assertOwnAsset(tenantId: string, field: string, reference: string | null): void {
  if (!reference?.startsWith("/assets/")) return;
  try {
    assertTenantKey(tenantId, reference.slice("/assets/".length));
  } catch {
    throw new AppError({ code: "validation_failed", message: `${field} must be one of this workspace's files`, fieldErrors: { [field]: ["Not one of this workspace's files"] } });
  }
}

/**
 * Settings → Branding: validates every field, refuses custom JS unless the plan (or a platform flag)
 * allows it, stores header/footer HTML sanitised, and publishes the change so every process serves
 * the new branding on its next request.
 */
export async function updateBranding(context: Pick<TenantRequestContext, "tenant">, identity: Pick<Identity, "userId">, rawInput: BrandingSettingsInput): Promise<BrandingSettings> {
  const parsed = brandingSettingsSchema.safeParse(rawInput);
  if (!parsed.success) throw AppError.fromZod(parsed.error, "Branding not saved");
  const input = parsed.data;
  const tenantId = context.tenant.id;
  assertOwnAsset(tenantId, "logoUrl", input.logoUrl);
  assertOwnAsset(tenantId, "faviconUrl", input.faviconUrl);
  assertOwnAsset(tenantId, "customCssUrl", input.customCssUrl);
  if (input.customJsUrl) assertFeatureInPlan(await tenantProfile(tenantId), "customJs", "customJsUrl");
  const stored = { ...input, customHeaderHtml: sanitizeTenantHtml(input.customHeaderHtml), customFooterHtml: sanitizeTenantHtml(input.customFooterHtml) };
  await sharedDbFor(tenantId).tenantSettings.update({ where: { tenantId }, data: stored });
  await publishTenantChange(tenantId);
  await recordAuditEvent({ tenantId, actorUserId: identity.userId, action: "settings.branding_updated", target: "branding", metadata: { fields: Object.keys(rawInput) } });
  return stored;
}
