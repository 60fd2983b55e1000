import { FEATURE_FLAG_NAMES, FEATURE_FLAGS, PLAN_IDS, PLAN_LIMIT_NAMES, PLAN_LIMITS, PLANS, type FeatureFlag, type Plan, type PlanLimit } from "@/lib/plans/plans";
import { countTenantsByPlan, listTenantOverrides, type TenantOverrides } from "@/lib/tenant-profile/list-tenant-plans";

export interface PlanCatalog {
  /** The typed plans (lib/plans), in upgrade order, each with its number of tenants (not deleted). */
  plans: Array<Plan & { tenants: number }>;
  limits: Array<{ name: PlanLimit; description: string; unit: (typeof PLAN_LIMITS)[PlanLimit]["unit"] }>;
  features: Array<{ name: FeatureFlag; description: string }>;
  /** Tenants whose stored flag or limit overrides differ from their plan. */
  overrides: TenantOverrides[];
}

/** The admin console's Plans page (GET /api/admin/plans): plans side by side, tenant counts, per-tenant overrides. */
export async function readPlanCatalog(): Promise<PlanCatalog> {
  const [counts, overrides] = await Promise.all([countTenantsByPlan(), listTenantOverrides()]);
  return {
    plans: PLAN_IDS.map((id) => ({ ...PLANS[id], tenants: counts[id] })),
    limits: PLAN_LIMIT_NAMES.map((name) => ({ name, ...PLAN_LIMITS[name] })),
    features: FEATURE_FLAG_NAMES.map((name) => ({ name, description: FEATURE_FLAGS[name] })),
    overrides,
  };
}
