import { platformPool } from "@/lib/db/pools";
import { parseFeatureFlagOverrides, parseLimitOverrides, planById, PLAN_IDS, type FeatureFlagOverrides, type LimitOverrides, type Plan, type PlanId } from "@/lib/plans/plans";

/**
 * Cross-tenant plan reads for the admin console, as the platform role: which plan each tenant is on, how
 * many tenants each plan has, and which tenants override their plan. The one place besides
 * tenant-profile.ts that reads a tenant's plan and stored overrides.
 */

/** The plan of each of these tenants (deleted ones too: their backups still age out under it). */
export async function readTenantPlans(tenantIds: readonly string[]): Promise<Map<string, Plan>> {
  if (tenantIds.length === 0) return new Map();
  const { rows } = await platformPool().query<{ id: string; plan_id: string }>("SELECT id, plan_id FROM public.tenants WHERE id = ANY($1::uuid[])", [tenantIds]);
  return new Map(rows.map((row) => [row.id, planById(row.plan_id)]));
}

/** Tenants per plan, deleted ones not counted; every plan is present (0 when none). */
export async function countTenantsByPlan(): Promise<Record<PlanId, number>> {
  const { rows } = await platformPool().query<{ plan_id: string; count: number }>("SELECT plan_id, count(*)::int AS count FROM public.tenants WHERE status <> 'deleted' GROUP BY plan_id");
  const counts = Object.fromEntries(PLAN_IDS.map((id) => [id, 0])) as Record<PlanId, number>;
  for (const row of rows) counts[planById(row.plan_id).id] = row.count;
  return counts;
}

export interface TenantOverrides {
  tenant: { id: string; slug: string; name: string; status: string; plan: PlanId };
  flags: FeatureFlagOverrides;
  limits: LimitOverrides;
  /** Limit overrides apply on a plan that allows them (enterprise) only; elsewhere they are kept but ignored. */
  limitsApply: boolean;
}

/** Every tenant (not deleted) with a stored flag or limit override, by slug (platform_profile_overrides, migration 0020). */
export async function listTenantOverrides(): Promise<TenantOverrides[]> {
  const { rows } = await platformPool().query<{ id: string; slug: string; name: string; status: string; plan_id: string; feature_flags: unknown; limit_overrides: unknown }>(
    `SELECT t.id, t.slug, t.name, t.status, t.plan_id, o.feature_flags, o.limit_overrides
       FROM public.platform_profile_overrides() o JOIN public.tenants t ON t.id = o.tenant_id
      WHERE t.status <> 'deleted'
      ORDER BY t.slug`,
  );
  return rows
    .map((row) => {
      const plan = planById(row.plan_id);
      return {
        tenant: { id: row.id, slug: row.slug, name: row.name, status: row.status, plan: plan.id },
        flags: parseFeatureFlagOverrides(row.feature_flags),
        limits: parseLimitOverrides(row.limit_overrides),
        limitsApply: plan.limitsOverridable,
      };
    })
    .filter((entry) => Object.keys(entry.flags).length > 0 || Object.keys(entry.limits).length > 0);
}
