import { z } from "zod";

/**
 * Plans are typed data: this file is the only definition of what a plan allows. The `plans` table
 * keeps their ids (tenants.plan_id references it) and display names; every limit and feature is here.
 * Tiers follow the design document's "Resource Allocation by Tenant Tier".
 */

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;

/** Features a plan includes and a platform admin can turn on or off per tenant (`anchor flags`). */
export const FEATURE_FLAGS = {
  customDomain: "Serve the portal on the tenant's own domain (anchor domains / tenants set-domain)",
  customJs: "Load the tenant's custom JavaScript file on its portal (Settings → Branding)",
  advancedAnalytics: "Advanced analytics: listing performance, time on market, conversion (hidden, 404, when off)",
} as const;
export type FeatureFlag = keyof typeof FEATURE_FLAGS;
export const FEATURE_FLAG_NAMES = Object.keys(FEATURE_FLAGS) as FeatureFlag[];

export interface PlanLimits {
  /** Tenant API calls per minute, counted per tenant (sliding window). */
  apiRequestsPerMinute: number;
  /** Staff seats: active members plus pending invitations. */
  members: number;
  properties: number;
  /** Bytes of uploaded documents. */
  storageBytes: number;
  /** Days a tenant's backups are kept. */
  backupRetentionDays: number;
  /** Bytes this tenant's cached entries may take in the shared cache (see docs/tenant-profile.md). */
  cacheBytes: number;
}
export type PlanLimit = keyof PlanLimits;

export const PLAN_LIMITS: Record<PlanLimit, { description: string; unit: "count" | "bytes" | "days" | "per minute" }> = {
  apiRequestsPerMinute: { description: "API requests per minute", unit: "per minute" },
  members: { description: "members (active and invited staff)", unit: "count" },
  properties: { description: "properties", unit: "count" },
  storageBytes: { description: "document storage", unit: "bytes" },
  backupRetentionDays: { description: "backup retention", unit: "days" },
  cacheBytes: { description: "cache size", unit: "bytes" },
};
export const PLAN_LIMIT_NAMES = Object.keys(PLAN_LIMITS) as PlanLimit[];

export const PLAN_IDS = ["standard", "professional", "enterprise"] as const;
export type PlanId = (typeof PLAN_IDS)[number];

export interface Plan {
  id: PlanId;
  name: string;
  /** Position in the upgrade path: a higher rank is an upgrade. */
  rank: number;
  limits: PlanLimits;
  features: Record<FeatureFlag, boolean>;
  /** Enterprise contracts set their own limits per tenant (`limit_overrides`). */
  limitsOverridable: boolean;
}

export const PLANS: Record<PlanId, Plan> = {
  standard: {
    id: "standard",
    name: "Standard",
    rank: 1,
    limits: { apiRequestsPerMinute: 100, members: 50, properties: 10_000, storageBytes: 10 * GiB, backupRetentionDays: 7, cacheBytes: 100 * MiB },
    features: { customDomain: true, customJs: false, advancedAnalytics: false },
    limitsOverridable: false,
  },
  professional: {
    id: "professional",
    name: "Professional",
    rank: 2,
    limits: { apiRequestsPerMinute: 500, members: 200, properties: 50_000, storageBytes: 100 * GiB, backupRetentionDays: 30, cacheBytes: 500 * MiB },
    features: { customDomain: true, customJs: false, advancedAnalytics: true },
    limitsOverridable: false,
  },
  enterprise: {
    id: "enterprise",
    name: "Enterprise",
    rank: 3,
    limits: { apiRequestsPerMinute: 2_000, members: 1_000, properties: 250_000, storageBytes: 1024 * GiB, backupRetentionDays: 90, cacheBytes: 2 * GiB },
    features: { customDomain: true, customJs: true, advancedAnalytics: true },
    limitsOverridable: true,
  },
};

export function isPlanId(value: string): value is PlanId {
  return (PLAN_IDS as readonly string[]).includes(value);
}

export function isFeatureFlag(value: string): value is FeatureFlag {
  return Object.hasOwn(FEATURE_FLAGS, value);
}

export function isPlanLimit(value: string): value is PlanLimit {
  return Object.hasOwn(PLAN_LIMITS, value);
}

/** The plan of a stored plan_id; a row the migrations should have made impossible fails loudly. */
export function planById(id: string): Plan {
  if (!isPlanId(id)) throw new Error(`Unknown plan "${id}" (one of ${PLAN_IDS.join(", ")})`);
  return PLANS[id];
}

/** Per-tenant feature overrides, as stored in tenant_settings.feature_flags: only known flags, booleans. */
export type FeatureFlagOverrides = Partial<Record<FeatureFlag, boolean>>;
/** Per-tenant limit overrides (enterprise only), as stored in tenant_settings.limit_overrides. */
export type LimitOverrides = Partial<PlanLimits>;

export const limitValueSchema = z.coerce
  .number({ message: "a limit is a whole number" })
  .int("a limit is a whole number")
  .min(0, "a limit cannot be negative")
  .max(Number.MAX_SAFE_INTEGER, "too large");

/** Reads stored overrides leniently: unknown keys and wrong types are ignored, never trusted. */
export function parseFeatureFlagOverrides(stored: unknown): FeatureFlagOverrides {
  const overrides: FeatureFlagOverrides = {};
  if (typeof stored !== "object" || stored === null || Array.isArray(stored)) return overrides;
  for (const [name, value] of Object.entries(stored)) if (isFeatureFlag(name) && typeof value === "boolean") overrides[name] = value;
  return overrides;
}

export function parseLimitOverrides(stored: unknown): LimitOverrides {
  const overrides: LimitOverrides = {};
  if (typeof stored !== "object" || stored === null || Array.isArray(stored)) return overrides;
  for (const [name, value] of Object.entries(stored)) {
    if (isPlanLimit(name) && typeof value === "number" && limitValueSchema.safeParse(value).success) overrides[name] = value;
  }
  return overrides;
}

export interface Entitlements {
  limits: PlanLimits;
  features: Record<FeatureFlag, boolean>;
}

/** A tenant's limits and features: its plan's, with its flag overrides and (enterprise only) limit overrides. */
export function resolveEntitlements(plan: Plan, flags: FeatureFlagOverrides, limitOverrides: LimitOverrides): Entitlements {
  return {
    limits: { ...plan.limits, ...(plan.limitsOverridable ? limitOverrides : {}) },
    features: { ...plan.features, ...flags },
  };
}

/** The first higher plan with more of `limit`, if any (the `upgradeTo` of a plan_limit error). */
export function limitUpgradePlan(plan: Plan, limit: PlanLimit): Plan | undefined {
  return PLAN_IDS.map((id) => PLANS[id]).find((candidate) => candidate.rank > plan.rank && candidate.limits[limit] > plan.limits[limit]);
}

/** The first higher plan that includes `feature`, if any. */
export function featureUpgradePlan(plan: Plan, feature: FeatureFlag): Plan | undefined {
  return PLAN_IDS.map((id) => PLANS[id]).find((candidate) => candidate.rank > plan.rank && candidate.features[feature]);
}

/** Text for a plan_limit error: how to get more of a limit. */
export function upgradeHint(plan: Plan, limit: PlanLimit): string {
  const better = limitUpgradePlan(plan, limit);
  if (better) return `Upgrade to the ${better.name} plan (${formatLimit(limit, better.limits[limit])}) to raise it.`;
  return plan.limitsOverridable ? "Contact us to raise this limit in your Enterprise contract." : "Contact us to raise it.";
}

/** How a tenant on `plan` gets a feature its plan lacks: the first higher plan that includes it. */
export function featureUpgradeHint(plan: Plan, feature: FeatureFlag): string {
  const better = featureUpgradePlan(plan, feature);
  if (better) return `Upgrade to the ${better.name} plan to use it.`;
  return "Contact us to have it turned on.";
}

export function formatLimit(limit: PlanLimit, value: number): string {
  const { unit } = PLAN_LIMITS[limit];
  if (unit === "bytes") return formatBytes(value);
  if (unit === "days") return `${value} days`;
  if (unit === "per minute") return `${value.toLocaleString("en-US")}/min`;
  return value.toLocaleString("en-US");
}

export function formatBytes(bytes: number): string {
  if (bytes >= GiB) return `${Number((bytes / GiB).toFixed(2))} GiB`;
  if (bytes >= MiB) return `${Number((bytes / MiB).toFixed(2))} MiB`;
  if (bytes >= 1024) return `${Number((bytes / 1024).toFixed(2))} KiB`;
  return `${bytes} B`;
}
