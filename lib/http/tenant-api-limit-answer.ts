import { AppError } from "@/lib/errors/app-error";
import type { TenantRef } from "@/lib/tenancy/context";
import type { TenantProfile } from "@/lib/tenant-profile/tenant-profile";

interface LimitDecision {
  success: boolean;
  limit: number;
  remaining: number;
  /** Epoch ms at which the window ends. */
  reset: number;
}

/**
 * The tenant API limit's answer (step 4b, 1a′ and the front door): `RateLimit-Limit`, `RateLimit-Remaining`,
 * `RateLimit-Reset` (seconds until the window ends) on every call; spent → `Retry-After` and the 429 error.
 */
export function tenantApiLimitAnswer(
  tenant: Pick<TenantRef, "name">,
  profile: Pick<TenantProfile, "plan">,
  decision: LimitDecision,
  now = Date.now(),
): { headers: Record<string, string>; error: AppError | null } {
  const resetSeconds = Math.max(0, Math.ceil((decision.reset - now) / 1000));
  const headers: Record<string, string> = {
    "RateLimit-Limit": String(decision.limit),
    "RateLimit-Remaining": String(decision.remaining),
    "RateLimit-Reset": String(resetSeconds),
  };
  if (decision.success) return { headers, error: null };
  const retryAfter = Math.max(1, resetSeconds);
  headers["Retry-After"] = String(retryAfter);
  const error = new AppError({
    code: "rate_limited",
    message: `${tenant.name} has used its ${decision.limit} API requests per minute (${profile.plan.name} plan). Try again in ${retryAfter} s.`,
    details: { policy: "tenantApi", limit: decision.limit, remaining: decision.remaining, resetAt: new Date(decision.reset).toISOString(), retryAfterSeconds: retryAfter },
  });
  return { headers, error };
}
