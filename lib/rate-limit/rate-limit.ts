import { AppError } from "@/lib/errors/app-error";
import type { SlidingWindowPolicyName } from "./policies";
import { hitRateLimit } from "./sliding-window-limiter";

/**
 * The per-IP and per-account limits (enquiries, sign-up, password reset): the same sliding window
 * limiter as the tenant API limit (Redis through @upstash/ratelimit, in-process without Redis or when
 * Redis fails), with fixed limits from RATE_LIMIT_POLICIES.
 */
export async function allowRateLimit(name: Exclude<SlidingWindowPolicyName, "tenantApi">, identifier: string): Promise<boolean> {
  return (await hitRateLimit(name, identifier, null)).success;
}

/** Throws `rate_limited` (429) naming when to retry. */
export async function enforceRateLimit(name: Exclude<SlidingWindowPolicyName, "tenantApi">, identifier: string, message: string): Promise<void> {
  const decision = await hitRateLimit(name, identifier, null);
  if (decision.success) return;
  const resetAt = new Date(decision.reset).toISOString();
  throw new AppError({
    code: "rate_limited",
    message: `${message} Try again after ${resetAt}.`,
    details: { policy: name, limit: decision.limit, remaining: decision.remaining, resetAt, retryAfterSeconds: Math.max(1, Math.ceil((decision.reset - Date.now()) / 1000)) },
  });
}
