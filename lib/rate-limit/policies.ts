import type { PlanId } from "@/lib/plans/plans";
import type { TenantProfile } from "@/lib/tenant-profile/tenant-profile";

/**
 * Every limit of the app, in one typed table (the Redis limiter and the in-process fallback both read
 * it). Three kinds:
 * - `slidingWindow`: at most `limit` hits per `windowMs`; `limit` is a number, or read from the tenant's
 *   profile so a plan change applies at the next request. Keys `<KV_NAMESPACE>:ratelimit:<prefix>:<identifier>:<window>`.
 * - `lockout`: failures are counted (forgotten `memoryMs` after the last one); from `failures` on, each
 *   failure locks the identifier for `baseLockMs`, doubling per further failure up to `maxLockMs`.
 *   Keys `<KV_NAMESPACE>:ratelimit:<prefix>:<identifier>:failures|lock`.
 */
interface PolicyBase {
  /** Key prefix in Redis and in the in-process store. */
  prefix: string;
  description: string;
  /** What the identifier is (one counter per identifier). */
  per: "tenant" | "ip" | "account";
}

export interface SlidingWindowPolicy extends PolicyBase {
  kind: "slidingWindow";
  windowMs: number;
  limit: number | ((profile: TenantProfile) => number);
}

export interface LockoutPolicy extends PolicyBase {
  kind: "lockout";
  failures: number;
  baseLockMs: number;
  maxLockMs: number;
  memoryMs: number;
}

/**
 * In-flight requests of one tenant in one process (lib/http/admission-control.ts): by plan, a share of
 * the process's cap (ADMISSION_MAX_IN_FLIGHT), at least 1 request.
 */
export interface ConcurrencyPolicy extends PolicyBase {
  kind: "concurrency";
  shareByPlan: Record<PlanId, number>;
}

/**
 * Smoothing of one tenant's API calls in one process (lib/http/front-door.ts): a burst of `burstByPlan`
 * calls at once, then `perSecondByPlan` a second; a call beyond that waits for its turn (it is delayed,
 * never refused), holding its place of the concurrency cap meanwhile. Per process, like the cap: it spreads
 * a burst's CPU over time; the per-minute budget stays `tenantApi`'s.
 */
export interface PacingPolicy extends PolicyBase {
  kind: "pacing";
  burstByPlan: Record<PlanId, number>;
  perSecondByPlan: Record<PlanId, number>;
}

export type RateLimitPolicy = SlidingWindowPolicy | LockoutPolicy | ConcurrencyPolicy | PacingPolicy;

export const RATE_LIMIT_POLICIES = {
  tenantApi: {
    prefix: "tenant-api",
    description: "Every tenant API route (/api/v1/*), counted per tenant, at the plan's apiRequestsPerMinute",
    per: "tenant",
    kind: "slidingWindow",
    windowMs: 60_000,
    limit: (profile) => profile.limits.apiRequestsPerMinute,
  },
  portalEnquiry: {
    prefix: "portal-enquiry",
    description: "Portal enquiries, per tenant and client IP (`<tenantId>:<ip>`)",
    per: "ip",
    kind: "slidingWindow",
    windowMs: 10 * 60_000,
    limit: 5,
  },
  customerSignUp: {
    prefix: "customer-sign-up",
    description: "Portal customer sign-ups, per tenant and client IP (`<tenantId>:<ip>`)",
    per: "ip",
    kind: "slidingWindow",
    windowMs: 60 * 60_000,
    limit: 5,
  },
  customerSignUpMail: {
    prefix: "customer-sign-up-mail",
    description: "Sign-up confirmation mails, per tenant and address (`<tenantId>:<email>`); over it the sign-up answers the same but sends nothing",
    per: "account",
    kind: "slidingWindow",
    windowMs: 15 * 60_000,
    limit: 3,
  },
  passwordResetIp: {
    prefix: "password-reset-ip",
    description: "Password-reset requests per client IP",
    per: "ip",
    kind: "slidingWindow",
    windowMs: 15 * 60_000,
    limit: 20,
  },
  passwordResetAccount: {
    prefix: "password-reset-account",
    description: "Password-reset mails per account (`<tenantId|platform>:<email>`); over it the request answers the same but sends nothing",
    per: "account",
    kind: "slidingWindow",
    windowMs: 15 * 60_000,
    limit: 3,
  },
  workspaceSignUp: {
    prefix: "workspace-sign-up",
    description: "Self-service workspace sign-ups on the apex (/signup), per client IP",
    per: "ip",
    kind: "slidingWindow",
    windowMs: 60 * 60_000,
    limit: 5,
  },
  slugAvailability: {
    prefix: "slug-availability",
    description: "The sign-up form's live slug check, per client IP",
    per: "ip",
    kind: "slidingWindow",
    windowMs: 60_000,
    limit: 60,
  },
  findWorkspaceIp: {
    prefix: "find-workspace-ip",
    description: "\"Find my workspace\" requests on the apex, per client IP",
    per: "ip",
    kind: "slidingWindow",
    windowMs: 15 * 60_000,
    limit: 10,
  },
  findWorkspaceMail: {
    prefix: "find-workspace-mail",
    description: "\"Find my workspace\" mails per address; over it the request answers the same but sends nothing",
    per: "account",
    kind: "slidingWindow",
    windowMs: 15 * 60_000,
    limit: 3,
  },
  loginAccount: {
    prefix: "login-account",
    description: "Failed sign-ins per account (`<tenantId|platform>:<email>`, known or not): locked after 5, 1 min doubling to 1 h; a success or a password reset clears it",
    per: "account",
    kind: "lockout",
    failures: 5,
    baseLockMs: 60_000,
    maxLockMs: 60 * 60_000,
    memoryMs: 24 * 60 * 60_000,
  },
  loginIp: {
    prefix: "login-ip",
    description: "Failed sign-ins per client IP, across accounts: locked after 50, 1 min doubling to 1 h",
    per: "ip",
    kind: "lockout",
    failures: 50,
    baseLockMs: 60_000,
    maxLockMs: 60 * 60_000,
    memoryMs: 24 * 60 * 60_000,
  },
  tenantConcurrency: {
    prefix: "tenant-concurrency",
    description: "In-flight tenant API requests of one tenant in one process (step 1a of withTenant, before identity): a share of ADMISSION_MAX_IN_FLIGHT by plan (2 / 4 / 16 of the default 64); over it 429 with Retry-After",
    per: "tenant",
    kind: "concurrency",
    shareByPlan: { standard: 1 / 32, professional: 1 / 16, enterprise: 1 / 4 },
  },
  tenantApiPacing: {
    prefix: "tenant-api-pacing",
    description: "Tenant API calls of one tenant in one process, smoothed before Next (lib/http/front-door.ts): bursts of 2 / 5 / 20 by plan, then 10 / 25 / 100 a second; a call beyond that is delayed until its turn, not refused",
    per: "tenant",
    kind: "pacing",
    burstByPlan: { standard: 2, professional: 5, enterprise: 20 },
    perSecondByPlan: { standard: 10, professional: 25, enterprise: 100 },
  },
} as const satisfies Record<string, RateLimitPolicy>;

export type RateLimitPolicyName = keyof typeof RATE_LIMIT_POLICIES;
type PolicyNameOfKind<Kind extends RateLimitPolicy["kind"]> = {
  [Name in RateLimitPolicyName]: (typeof RATE_LIMIT_POLICIES)[Name]["kind"] extends Kind ? Name : never;
}[RateLimitPolicyName];
export type SlidingWindowPolicyName = PolicyNameOfKind<"slidingWindow">;
export type LockoutPolicyName = PolicyNameOfKind<"lockout">;

export function policyLimit(policy: SlidingWindowPolicy, profile: TenantProfile | null): number {
  if (typeof policy.limit === "number") return policy.limit;
  if (!profile) throw new Error(`rate-limit policy ${policy.prefix} needs the tenant profile`);
  return policy.limit(profile);
}

/** Said once per process (and by `npm run dev`) when no Redis is configured. */
export const PER_PROCESS_NOTICE = "No Redis configured (REDIS_URL or UPSTASH_REDIS_REST_URL): rate limits and usage metering are per-process";
