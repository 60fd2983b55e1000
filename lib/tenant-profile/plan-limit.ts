import { AppError } from "@/lib/errors/app-error";
import { featureUpgradeHint, featureUpgradePlan, formatLimit, limitUpgradePlan, PLAN_LIMITS, PLANS, upgradeHint, type FeatureFlag, type PlanLimit } from "@/lib/plans/plans";
import { featureEnabled, type TenantProfile } from "./tenant-profile";

/** Settings → Plan & usage, on the tenant's own host: where an owner sees every limit and its usage. */
export const PLAN_USAGE_PATH = "/dashboard/settings/plan";

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
    details: [{ limit, max, usage, requested: adding, plan: plan.name, upgrade, upgradeTo: limitUpgradePlan(plan, limit)?.id ?? null, upgradeUrl: PLAN_USAGE_PATH }],
  });
}

function allowance(limit: PlanLimit, max: number, description: string): string {
  return PLAN_LIMITS[limit].unit === "count" ? `${formatLimit(limit, max)} ${description}` : `${formatLimit(limit, max)} of ${description}`;
}

const FEATURE_NAMES: Record<FeatureFlag, string> = {
  customDomain: "a custom domain",
  customJs: "custom JavaScript",
  advancedAnalytics: "advanced analytics",
};

/**
 * Refuses using a feature the tenant's profile lacks with `plan_limit` (403): names the feature and how
 * to get it. `details` has the shape of a quota refusal (an allowance of 0), plus `feature: true`.
 * `field`, when given, also puts the message on that form field.
 */
export function assertFeatureInPlan(profile: TenantProfile, feature: FeatureFlag, field?: string): void {
  if (featureEnabled(profile, feature)) return;
  const plan = PLANS[profile.plan.id];
  const turnedOff = plan.features[feature] && profile.overrides.flags[feature] === false;
  const upgrade = turnedOff ? "Contact us to have it turned back on." : featureUpgradeHint(plan, feature);
  const message = turnedOff
    ? `${capitalized(FEATURE_NAMES[feature])} is turned off for your workspace. ${upgrade}`
    : `Your ${plan.name} plan does not include ${FEATURE_NAMES[feature]}. ${upgrade}`;
  throw new AppError({
    code: "plan_limit",
    message,
    ...(field ? { fieldErrors: { [field]: [message] } } : {}),
    details: [{ limit: feature, max: 0, usage: 0, requested: 1, plan: plan.name, upgrade, upgradeTo: turnedOff ? null : (featureUpgradePlan(plan, feature)?.id ?? null), upgradeUrl: PLAN_USAGE_PATH }],
  });
}

function capitalized(text: string): string {
  return text.replace(/^a /, "A ").replace(/^./, (first) => first.toUpperCase());
}
