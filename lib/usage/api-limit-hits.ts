import { LRUCache } from "lru-cache";
import { kv } from "@/lib/kv/kv";
import { logger } from "@/lib/log/logger";
import { noticeApiLimitHits } from "./check-limit-notices";
import { utcDay } from "./usage-keys";

/** Refused calls (429 of the API rate limit) in one UTC day after which the owners get a notice. */
export const API_LIMIT_REFUSALS_FOR_NOTICE = 20;

const DAY_SECONDS = 86_400;
const STATE_KEY = Symbol.for("asset-anchor.api-limit-hits");
type GlobalWithState = typeof globalThis & { [STATE_KEY]?: LRUCache<string, number> };
const globalWithState = globalThis as GlobalWithState;
const localCounts = () => (globalWithState[STATE_KEY] ??= new LRUCache<string, number>({ max: 20_000, ttl: 2 * DAY_SECONDS * 1000 }));

/**
 * Counts one refusal of the tenant API limit, off the request's path (not awaited): in Redis
 * (`<ns>:limit-hits:<tenantId>:<day>`, kept 2 days) or in this process without Redis. The call that takes
 * the day's count to API_LIMIT_REFUSALS_FOR_NOTICE records the notice (mail, audit; once per day). Past the
 * notice a process stops counting in Redis.
 */
export function noteApiLimitRefusal(tenantId: string, now = Date.now()): void {
  void countRefusal(tenantId, utcDay(now))
    .then((count) => (count === API_LIMIT_REFUSALS_FOR_NOTICE ? noticeApiLimitHits(tenantId, count, new Date(now)) : undefined))
    .catch((error: unknown) => logger.warn({ err: error, tenantId }, "limit notices: could not count an API limit refusal"));
}

async function countRefusal(tenantId: string, day: string): Promise<number> {
  const client = await kv().catch(() => null);
  if (!client) {
    const key = `${tenantId}:${day}`;
    const count = (localCounts().get(key) ?? 0) + 1;
    localCounts().set(key, count);
    return count;
  }
  // Once this process has seen the day's count reach the notice, counting on would only cost a Redis
  // round trip per refusal of a flood (bench:noisy): the day's count in Redis is then a lower bound.
  const seenKey = `seen:${tenantId}:${day}`;
  const seen = localCounts().get(seenKey);
  if (seen !== undefined && seen >= API_LIMIT_REFUSALS_FOR_NOTICE) return seen + 1;
  const key = client.key("limit-hits", tenantId, day);
  const [count] = await client.redis.pipeline().incr(key).expire(key, 2 * DAY_SECONDS).exec<[number, number]>();
  localCounts().set(seenKey, count);
  return count;
}

/** Today's refusals of the tenant API limit (for the limit-notices job); 0 when Redis cannot say. */
export async function apiLimitRefusalsToday(tenantId: string, now = Date.now()): Promise<number> {
  const client = await kv().catch(() => null);
  if (!client) return localCounts().get(`${tenantId}:${utcDay(now)}`) ?? 0;
  try {
    return Number((await client.redis.get<number>(client.key("limit-hits", tenantId, utcDay(now)))) ?? 0);
  } catch {
    return 0;
  }
}
