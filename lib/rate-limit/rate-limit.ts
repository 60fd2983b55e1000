import { sharedDb } from "@/lib/db/shared-client";
import { AppError } from "@/lib/errors/app-error";

export interface RateLimitRule {
  bucket: string;
  limit: number;
  windowMs: number;
}

/**
 * Fixed-window counter in Postgres (works on a fresh machine without Redis): one upsert per hit, so
 * concurrent requests cannot both take the last slot.
 */
export async function hitRateLimit(rule: RateLimitRule, key: string, now = new Date()): Promise<{ allowed: boolean; remaining: number; resetAt: Date }> {
  const windowStart = new Date(Math.floor(now.getTime() / rule.windowMs) * rule.windowMs);
  const rows = await sharedDb().$queryRaw<Array<{ hits: number }>>`
    INSERT INTO public.rate_limits (bucket, key, window_start, hits) VALUES (${rule.bucket}, ${key}, ${windowStart}, 1)
    ON CONFLICT (bucket, key, window_start) DO UPDATE SET hits = rate_limits.hits + 1
    RETURNING hits`;
  const hits = rows[0]?.hits ?? rule.limit + 1;
  return { allowed: hits <= rule.limit, remaining: Math.max(0, rule.limit - hits), resetAt: new Date(windowStart.getTime() + rule.windowMs) };
}

export async function enforceRateLimit(rule: RateLimitRule, key: string, message: string): Promise<void> {
  const result = await hitRateLimit(rule, key);
  if (!result.allowed) throw new AppError({ code: "rate_limited", message: `${message} Try again after ${result.resetAt.toISOString()}.` });
}

/** Old windows are useless; `anchor` maintenance or cron can call this. */
export async function pruneRateLimits(olderThan: Date): Promise<number> {
  const { count } = await sharedDb().rateLimit.deleteMany({ where: { windowStart: { lt: olderThan } } });
  return count;
}
