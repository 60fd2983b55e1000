import type { TenantProfile } from "@/lib/tenant-profile/tenant-profile";

/**
 * Every sliding-window limit of the app, in one typed table (the Redis limiter and the in-process
 * fallback both read it). `limit` is a number, or read from the tenant's profile so a plan change
 * applies at the next request. Keys are `<KV_NAMESPACE>:ratelimit:<prefix>:<identifier>:<window>`.
 */
export interface RateLimitPolicy {
  /** Key prefix in Redis and in the in-process store. */
  prefix: string;
  description: string;
  /** What the identifier is (one counter per identifier). */
  per: "tenant" | "ip" | "account";
  windowMs: number;
  limit: number | ((profile: TenantProfile) => number);
}

export const RATE_LIMIT_POLICIES = {
  tenantApi: {
    prefix: "tenant-api",
    description: "Every tenant API route (/api/v1/*), counted per tenant, at the plan's apiRequestsPerMinute",
    per: "tenant",
    windowMs: 60_000,
    limit: (profile) => profile.limits.apiRequestsPerMinute,
  },
  portalEnquiry: {
    prefix: "portal-enquiry",
    description: "Portal enquiries, per tenant and client IP (`<tenantId>:<ip>`)",
    per: "ip",
    windowMs: 10 * 60_000,
    limit: 5,
  },
  customerSignUp: {
    prefix: "customer-sign-up",
    description: "Portal customer sign-ups, per tenant and client IP (`<tenantId>:<ip>`)",
    per: "ip",
    windowMs: 60 * 60_000,
    limit: 5,
  },
  customerSignUpMail: {
    prefix: "customer-sign-up-mail",
    description: "Sign-up confirmation mails, per tenant and address (`<tenantId>:<email>`); over it the sign-up answers the same but sends nothing",
    per: "account",
    windowMs: 15 * 60_000,
    limit: 3,
  },
  passwordResetIp: {
    prefix: "password-reset-ip",
    description: "Password-reset requests per client IP",
    per: "ip",
    windowMs: 15 * 60_000,
    limit: 20,
  },
  passwordResetAccount: {
    prefix: "password-reset-account",
    description: "Password-reset mails per account (`<tenantId|platform>:<email>`); over it the request answers the same but sends nothing",
    per: "account",
    windowMs: 15 * 60_000,
    limit: 3,
  },
  workspaceSignUp: {
    prefix: "workspace-sign-up",
    description: "Self-service workspace sign-ups on the apex (/signup), per client IP",
    per: "ip",
    windowMs: 60 * 60_000,
    limit: 5,
  },
  slugAvailability: {
    prefix: "slug-availability",
    description: "The sign-up form's live slug check, per client IP",
    per: "ip",
    windowMs: 60_000,
    limit: 60,
  },
  findWorkspaceIp: {
    prefix: "find-workspace-ip",
    description: "\"Find my workspace\" requests on the apex, per client IP",
    per: "ip",
    windowMs: 15 * 60_000,
    limit: 10,
  },
  findWorkspaceMail: {
    prefix: "find-workspace-mail",
    description: "\"Find my workspace\" mails per address; over it the request answers the same but sends nothing",
    per: "account",
    windowMs: 15 * 60_000,
    limit: 3,
  },
} as const satisfies Record<string, RateLimitPolicy>;

export type RateLimitPolicyName = keyof typeof RATE_LIMIT_POLICIES;

export function policyLimit(policy: RateLimitPolicy, profile: TenantProfile | null): number {
  if (typeof policy.limit === "number") return policy.limit;
  if (!profile) throw new Error(`rate-limit policy ${policy.prefix} needs the tenant profile`);
  return policy.limit(profile);
}

/** Said once per process (and by `npm run dev`) when no Redis is configured. */
export const PER_PROCESS_NOTICE = "No Redis configured (REDIS_URL or UPSTASH_REDIS_REST_URL): rate limits and usage metering are per-process";
