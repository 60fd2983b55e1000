import { Ratelimit } from "@upstash/ratelimit";
import { LRUCache } from "lru-cache";
import { kv, type Kv } from "@/lib/kv/kv";
import { logger } from "@/lib/log/logger";
import type { TenantProfile } from "@/lib/tenant-profile/tenant-profile";
import { InProcessSlidingWindow, type SlidingWindowResult } from "./in-process-sliding-window";
import { PER_PROCESS_NOTICE, policyLimit, RATE_LIMIT_POLICIES, type SlidingWindowPolicy, type SlidingWindowPolicyName } from "./policies";

export interface RateLimitDecision extends SlidingWindowResult {
  /**
   * Where it was decided: Redis, this process (no Redis configured), this process because Redis failed
   * or was too slow (degraded), or this process's blocked-until map (Redis refused it earlier in this window).
   */
  store: "redis" | "process" | "degraded" | "blocked";
}

interface Blocked {
  /** Epoch ms at which the window that refused it ends (the refusal's `reset`). */
  until: number;
  /** The limit it was refused at: a higher limit (an upgrade) is asked of Redis again. */
  limit: number;
}

export interface RateLimitCounters {
  /** Decisions taken by this process's window because Redis failed or was too slow. */
  degraded: number;
  /** Decisions taken by the in-process store (no Redis configured). */
  inProcess: number;
  /** Refusals taken from the blocked-until map, without asking Redis. */
  blocked: number;
}

/** Identifiers remembered as refused until their window ends, per process (least recently used go first). */
const BLOCKED_MAX = 10_000;

interface LimiterState {
  counters: RateLimitCounters;
  /** One Ratelimit per (Kv client, policy, limit): the limit is fixed per instance, the keys are shared, so a plan change keeps the count. */
  limiters: WeakMap<Kv, Map<string, Ratelimit>>;
  /** Without Redis: the limiter. With Redis: every hit Redis let through, for when Redis fails (degraded). */
  local: InProcessSlidingWindow;
  /** `<policy prefix>:<identifier>` → refused by Redis until the end of that window. */
  blocked: LRUCache<string, Blocked>;
  announcedPerProcess: boolean;
  lastDegradedWarning: number;
}

const STATE_KEY = Symbol.for("asset-anchor.rate-limit");
type GlobalWithState = typeof globalThis & { [STATE_KEY]?: LimiterState };
const globalWithState = globalThis as GlobalWithState;

function state(): LimiterState {
  return (globalWithState[STATE_KEY] ??= {
    counters: { degraded: 0, inProcess: 0, blocked: 0 },
    limiters: new WeakMap(),
    local: new InProcessSlidingWindow(),
    blocked: new LRUCache<string, Blocked>({ max: BLOCKED_MAX }),
    announcedPerProcess: false,
    lastDegradedWarning: 0,
  });
}

export function rateLimitCounters(): Readonly<RateLimitCounters> {
  return { ...state().counters };
}


/** Logs, once per process, that limits are counted per process. */
export function announcePerProcessLimits(): void {
  const current = state();
  if (current.announcedPerProcess) return;
  current.announcedPerProcess = true;
  logger.warn(PER_PROCESS_NOTICE);
}

function redisLimiter(client: Kv, policy: SlidingWindowPolicy, limit: number): Ratelimit {
  const byClient = state().limiters;
  let limiters = byClient.get(client);
  if (!limiters) byClient.set(client, (limiters = new Map()));
  const id = `${policy.prefix}:${limit}`;
  let limiter = limiters.get(id);
  if (!limiter) {
    limiter = new Ratelimit({
      redis: client.redis,
      limiter: Ratelimit.slidingWindow(limit, `${policy.windowMs} ms`),
      prefix: client.key("ratelimit", policy.prefix),
      // Blocked identifiers are remembered in state().blocked instead, with the limit they were refused at
      // (an upgrade lifts the limit at the next request), bounded, and readable by proxy.ts.
      ephemeralCache: false,
      // lib/kv bounds every request (KV_TIMEOUT_MS) and throws; the failure is handled below.
      timeout: 0,
      analytics: false,
    });
    limiters.set(id, limiter);
  }
  return limiter;
}

/**
 * The refusal this process already knows of, without Redis: `identifier` was refused by Redis at a
 * limit ≥ `limit` in a window that has not ended (a refused hit is not counted, and the sliding count
 * cannot fall below the limit before the window that refused it ends except by the previous window's
 * weight fading — the same approximation as @upstash/ratelimit's ephemeral cache). Null otherwise.
 */
export function knownRefusal(name: SlidingWindowPolicyName, identifier: string, limit: number, now = Date.now()): RateLimitDecision | null {
  const policy: SlidingWindowPolicy = RATE_LIMIT_POLICIES[name];
  const blocked = state().blocked;
  const key = `${policy.prefix}:${identifier}`;
  const entry = blocked.get(key);
  if (!entry) return null;
  if (entry.until <= now || limit > entry.limit) {
    blocked.delete(key);
    return null;
  }
  return { success: false, limit, remaining: 0, reset: entry.until, store: "blocked" };
}

/** knownRefusal(), counted in `rateLimitCounters().blocked` when it refuses. */
export function blockedRefusal(name: SlidingWindowPolicyName, identifier: string, limit: number): RateLimitDecision | null {
  const refused = knownRefusal(name, identifier, limit);
  if (refused) state().counters.blocked += 1;
  return refused;
}

/**
 * Counts one hit of `identifier` against a policy: in Redis through @upstash/ratelimit when
 * configured, else in this process with the same algorithm. An identifier Redis refused is refused
 * from this process's memory until that window ends (`store: "blocked"`, no Redis call). Redis failing
 * or slow never blocks and never refuses a tenant within its limit: the decision is this process's own
 * window, which has counted every hit this process let through (`store: "degraded"`), counted and warned
 * about (at most once per 10 s).
 */
export async function hitRateLimit(name: SlidingWindowPolicyName, identifier: string, profile: TenantProfile | null): Promise<RateLimitDecision> {
  const policy: SlidingWindowPolicy = RATE_LIMIT_POLICIES[name];
  const limit = policyLimit(policy, profile);
  const current = state();
  const refused = blockedRefusal(name, identifier, limit);
  if (refused) return refused;
  const client = await kv().catch(() => null);
  const key = `${policy.prefix}:${identifier}`;
  if (!client) {
    announcePerProcessLimits();
    current.counters.inProcess += 1;
    return { ...current.local.hit(key, limit, policy.windowMs), store: "process" };
  }
  try {
    const result = await redisLimiter(client, policy, limit).limit(identifier);
    if (result.success) current.local.hit(key, limit, policy.windowMs);
    else current.blocked.set(key, { until: result.reset, limit });
    return { success: result.success, limit, remaining: result.remaining, reset: result.reset, store: "redis" };
  } catch (error) {
    current.counters.degraded += 1;
    const now = Date.now();
    if (now - current.lastDegradedWarning > 10_000) {
      current.lastDegradedWarning = now;
      logger.warn({ err: error, policy: policy.prefix, degraded: current.counters.degraded }, "rate limit: Redis unavailable, limiting per process");
    }
    return { ...current.local.hit(key, limit, policy.windowMs, now), store: "degraded" };
  }
}

export interface RateLimitPeek {
  limit: number;
  /** Hits counted in the sliding window now (the previous window weighted as the limiter weighs it). */
  used: number;
  remaining: number;
  /** Epoch ms at which the current fixed window ends. */
  reset: number;
  store: "redis" | "process";
}

/**
 * Where `identifier` stands against a policy, read-only: nothing is counted (Redis: @upstash/ratelimit's
 * getRemaining, a read-only script; else this process's store). Null when Redis fails: unknown, not zero.
 */
export async function peekRateLimit(name: SlidingWindowPolicyName, identifier: string, profile: TenantProfile | null): Promise<RateLimitPeek | null> {
  const policy: SlidingWindowPolicy = RATE_LIMIT_POLICIES[name];
  const limit = policyLimit(policy, profile);
  const client = await kv().catch(() => null);
  if (!client) {
    const result = state().local.peek(`${policy.prefix}:${identifier}`, limit, policy.windowMs);
    return { limit, used: limit - result.remaining, remaining: result.remaining, reset: result.reset, store: "process" };
  }
  try {
    const result = await redisLimiter(client, policy, limit).getRemaining(identifier);
    const remaining = Math.min(limit, result.remaining);
    return { limit, used: limit - remaining, remaining, reset: result.reset, store: "redis" };
  } catch (error) {
    logger.warn({ err: error, policy: policy.prefix }, "rate limit: Redis unavailable, usage peek skipped");
    return null;
  }
}
