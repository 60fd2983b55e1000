import { inTransaction, ownerPool } from "@/lib/db/pools";
import { AppError } from "@/lib/errors/app-error";
import { FEATURE_FLAG_NAMES, FEATURE_FLAGS, isFeatureFlag, PLANS, type FeatureFlag } from "@/lib/plans/plans";
import { publishTenantProfileChange } from "./publish-profile-change";
import { loadTenantProfile, type TenantProfile } from "./tenant-profile";

export interface FeatureFlagRow {
  flag: FeatureFlag;
  description: string;
  /** What the tenant gets. */
  enabled: boolean;
  /** What its plan gives. */
  plan: boolean;
  /** The tenant's override, or null when it follows its plan. */
  override: boolean | null;
}

export function featureFlagRows(profile: TenantProfile): FeatureFlagRow[] {
  return FEATURE_FLAG_NAMES.map((flag) => ({
    flag,
    description: FEATURE_FLAGS[flag],
    enabled: profile.features[flag],
    plan: PLANS[profile.plan.id].features[flag],
    override: profile.overrides.flags[flag] ?? null,
  }));
}

export function parseFeatureFlag(name: string): FeatureFlag {
  if (isFeatureFlag(name)) return name;
  throw new AppError({
    code: "validation_failed",
    message: `Unknown flag "${name}" (one of ${FEATURE_FLAG_NAMES.join(", ")})`,
    fieldErrors: { flag: [`Unknown flag "${name}"`] },
  });
}

export async function listFeatureFlags(slug: string): Promise<{ tenantId: string; slug: string; plan: string; flags: FeatureFlagRow[] }> {
  const { rows } = await ownerPool().query<{ id: string }>("SELECT id FROM public.tenants WHERE slug = $1 AND status <> 'deleted'", [slug]);
  if (!rows[0]) throw new AppError({ code: "not_found", message: `No tenant with slug "${slug}"` });
  const profile = await loadTenantProfile(rows[0].id);
  return { tenantId: profile.tenantId, slug, plan: profile.plan.id, flags: featureFlagRows(profile) };
}

/**
 * Sets (`value` true/false) or removes (`value` null: follow the plan) one tenant's flag override.
 * Audited; every process drops that tenant's profile.
 */
export async function setFeatureFlag(slug: string, flag: FeatureFlag, value: boolean | null, actorUserId: string | null = null): Promise<FeatureFlagRow & { slug: string; changed: boolean }> {
  const result = await inTransaction(ownerPool(), async (client) => {
    const { rows } = await client.query<{ id: string; feature_flags: unknown }>(
      `SELECT t.id, s.feature_flags FROM public.tenants t JOIN public.tenant_settings s ON s.tenant_id = t.id
        WHERE t.slug = $1 AND t.status <> 'deleted' FOR UPDATE OF s`,
      [slug],
    );
    const tenant = rows[0];
    if (!tenant) throw new AppError({ code: "not_found", message: `No tenant with slug "${slug}"` });
    const before = await loadTenantProfile(tenant.id, client);
    const previous = before.overrides.flags[flag] ?? null;
    if (previous === value) return { tenantId: tenant.id, changed: false };
    // Rewrites the whole object from the typed overrides, so keys that are not flags never survive.
    const next = { ...before.overrides.flags };
    if (value === null) delete next[flag];
    else next[flag] = value;
    await client.query("UPDATE public.tenant_settings SET feature_flags = $2, updated_at = now() WHERE tenant_id = $1", [tenant.id, next]);
    await client.query("INSERT INTO public.audit_logs (tenant_id, actor_user_id, action, target, metadata) VALUES ($1, $2, $3, $4, $5)", [
      tenant.id,
      actorUserId,
      value === null ? "tenant.flag_unset" : "tenant.flag_set",
      slug,
      { flag, from: previous, to: value },
    ]);
    return { tenantId: tenant.id, changed: true };
  });
  if (result.changed) await publishTenantProfileChange(result.tenantId);
  const profile = await loadTenantProfile(result.tenantId);
  return { slug, changed: result.changed, ...featureFlagRows(profile).find((row) => row.flag === flag)! };
}
