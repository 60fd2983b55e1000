import { AppError } from "@/lib/errors/app-error";
import { formatLimit, PLAN_LIMITS, PLANS, upgradeHint, type PlanLimit } from "@/lib/plans/plans";
import type { TenantProfile } from "./tenant-profile";

/**
 * Refuses a write that would take `limit` from `usage` past the tenant's allowance with a
 * `plan_limit` error (403) that states the limit, the usage and how to upgrade.
 */
export function assertWithinPlanLimit(profile: TenantProfile, limit: PlanLimit, usage: number, adding: number): void {
  const max = profile.limits[limit];
  if (usage + adding <= max) return;
  const plan = PLANS[profile.plan.id];
  const upgrade = upgradeHint(plan, limit);
  const { description } = PLAN_LIMITS[limit];
  const planName = profile.overrides.limits[limit] !== undefined && plan.limitsOverridable ? `${plan.name} contract` : `${plan.name} plan`;
  throw new AppError({
    code: "plan_limit",
    message: `Your ${planName} includes ${allowance(limit, max, description)}; you ${PLAN_LIMITS[limit].unit === "count" ? "have" : "use"} ${formatLimit(limit, usage)}${
      adding > 1 ? ` and this adds ${formatLimit(limit, adding)}` : ""
    }. ${upgrade}`,
    details: [{ limit, max, usage, requested: adding, plan: plan.name, upgrade }],
  });
}

function allowance(limit: PlanLimit, max: number, description: string): string {
  return PLAN_LIMITS[limit].unit === "count" ? `${formatLimit(limit, max)} ${description}` : `${formatLimit(limit, max)} of ${description}`;
}
