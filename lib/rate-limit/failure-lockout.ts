import { LRUCache } from "lru-cache";
import { kv, type Kv } from "@/lib/kv/kv";
import { logger } from "@/lib/log/logger";
import { RATE_LIMIT_POLICIES, type LockoutPolicy, type LockoutPolicyName } from "./policies";
import { announcePerProcessLimits } from "./sliding-window-limiter";

export interface FailureResult {
  /** Failures counted so far (including this one); 0 when Redis failed (nothing counted). */
  failures: number;
  /** Epoch ms the identifier is locked until because of this failure, or null. */
  lockedUntil: number | null;
}

export interface LockoutCounters {
  /** Checks or failures let through uncounted because Redis failed or was too slow. */
  failedOpen: number;
  /** Operations on the in-process store (no Redis configured). */
  inProcess: number;
}

interface LocalEntry {
  failures: number;
  lockedUntil: number | null;
}

interface LockoutState {
  counters: LockoutCounters;
  local: LRUCache<string, LocalEntry>;
  lastFailOpenWarning: number;
}

const STATE_KEY = Symbol.for("asset-anchor.failure-lockout");
type GlobalWithState = typeof globalThis & { [STATE_KEY]?: LockoutState };
const globalWithState = globalThis as GlobalWithState;

function state(): LockoutState {
  return (globalWithState[STATE_KEY] ??= {
    counters: { failedOpen: 0, inProcess: 0 },
    local: new LRUCache<string, LocalEntry>({ max: 100_000, ttl: 24 * 60 * 60_000, ttlAutopurge: false }),
    lastFailOpenWarning: 0,
  });
}

export function lockoutCounters(): Readonly<LockoutCounters> {
  return { ...state().counters };
}

/** Where a policy's identifier is kept in Redis (tests read and age them). */
export function lockoutKeys(client: Kv, name: LockoutPolicyName, identifier: string): { failures: string; lock: string } {
  const base = client.key("ratelimit", RATE_LIMIT_POLICIES[name].prefix, identifier);
  return { failures: `${base}:failures`, lock: `${base}:lock` };
}

export function lockMs(policy: LockoutPolicy, failures: number): number | null {
  if (failures < policy.failures) return null;
  return Math.min(policy.maxLockMs, policy.baseLockMs * 2 ** (failures - policy.failures));
}

// One round trip, atomic: concurrent failures cannot lose counts. The lock's value is its end (epoch ms).
const RECORD_FAILURE_SCRIPT = `
local failures = redis.call('INCR', KEYS[1])
redis.call('PEXPIRE', KEYS[1], ARGV[1])
local threshold = tonumber(ARGV[2])
if failures < threshold then return {failures, 0} end
local lockMs = math.min(tonumber(ARGV[4]), tonumber(ARGV[3]) * 2 ^ (failures - threshold))
local lockedUntil = tonumber(ARGV[5]) + lockMs
redis.call('SET', KEYS[2], string.format('%d', lockedUntil), 'PX', string.format('%d', lockMs))
return {failures, string.format('%d', lockedUntil)}
`;

function failOpen(error: unknown, policy: LockoutPolicy): void {
  const current = state();
  current.counters.failedOpen += 1;
  const now = Date.now();
  if (now - current.lastFailOpenWarning > 10_000) {
    current.lastFailOpenWarning = now;
    logger.warn({ err: error, policy: policy.prefix, failedOpen: current.counters.failedOpen }, "lockout: Redis unavailable, failing open");
  }
}

function localKey(policy: LockoutPolicy, identifier: string): string {
  return `${policy.prefix}:${identifier}`;
}

/**
 * Epoch ms until which each identifier is locked (null when not), in the order given. Redis failing:
 * not locked (fail open, counted and warned about), like the sliding-window limiter.
 */
export async function lockedUntil(checks: Array<{ name: LockoutPolicyName; identifier: string }>): Promise<Array<number | null>> {
  const client = await kv().catch(() => null);
  const now = Date.now();
  if (!client) {
    announcePerProcessLimits();
    state().counters.inProcess += 1;
    return checks.map(({ name, identifier }) => {
      const until = state().local.get(localKey(RATE_LIMIT_POLICIES[name], identifier))?.lockedUntil ?? null;
      return until !== null && until > now ? until : null;
    });
  }
  try {
    const values = await client.redis.mget<Array<string | number | null>>(...checks.map(({ name, identifier }) => lockoutKeys(client, name, identifier).lock));
    return values.map((value) => (value === null ? null : Number(value) > now ? Number(value) : null));
  } catch (error) {
    failOpen(error, RATE_LIMIT_POLICIES[checks[0]!.name]);
    return checks.map(() => null);
  }
}

/** Counts one failure; from the policy's threshold on, locks the identifier (doubling per failure). */
export async function recordFailure(name: LockoutPolicyName, identifier: string): Promise<FailureResult> {
  const policy: LockoutPolicy = RATE_LIMIT_POLICIES[name];
  const client = await kv().catch(() => null);
  const now = Date.now();
  if (!client) {
    announcePerProcessLimits();
    const current = state();
    current.counters.inProcess += 1;
    const key = localKey(policy, identifier);
    const failures = (current.local.get(key)?.failures ?? 0) + 1;
    const lock = lockMs(policy, failures);
    const entry = { failures, lockedUntil: lock === null ? null : now + lock };
    current.local.set(key, entry, { ttl: policy.memoryMs });
    return entry;
  }
  try {
    const keys = lockoutKeys(client, name, identifier);
    const [failures, until] = await client.redis.eval<string[], [number, number | string]>(
      RECORD_FAILURE_SCRIPT,
      [keys.failures, keys.lock],
      [String(policy.memoryMs), String(policy.failures), String(policy.baseLockMs), String(policy.maxLockMs), String(now)],
    );
    return { failures: Number(failures), lockedUntil: Number(until) > 0 ? Number(until) : null };
  } catch (error) {
    failOpen(error, policy);
    return { failures: 0, lockedUntil: null };
  }
}

/** Forgets the identifier's failures and lifts its lock. */
export async function clearFailures(name: LockoutPolicyName, identifier: string): Promise<void> {
  const policy: LockoutPolicy = RATE_LIMIT_POLICIES[name];
  const client = await kv().catch(() => null);
  if (!client) {
    state().local.delete(localKey(policy, identifier));
    return;
  }
  try {
    const keys = lockoutKeys(client, name, identifier);
    await client.redis.del(keys.failures, keys.lock);
  } catch (error) {
    failOpen(error, policy);
  }
}
