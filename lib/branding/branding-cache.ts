import { LRUCache } from "lru-cache";
import { kv, KvUnavailableError, type Kv } from "@/lib/kv/kv";
import { logger } from "@/lib/log/logger";
import { clearOnTenantChange } from "@/lib/tenancy/tenant-cache";
import { cacheLifetimeMs, tenantGenerationKey } from "@/lib/tenancy/tenant-change-bus";
import type { Branding } from "./branding-schema";

/** The seed's "branding/settings cached 1 h": how long an entry lives in Redis. */
export const BRANDING_REDIS_TTL_SECONDS = 3_600;
/**
 * In front of Redis (or instead of it), per process; dropped per tenant by the tenant-change message. Lives
 * longer while this process hears those messages (cacheLifetimeMs).
 */
const LOCAL_TTL_MS = 60_000;
/** 10,000 active tenants with twice the room, but never more than 64 MiB of branding (custom HTML can reach ~50 kB). */
const LOCAL_MAX_ENTRIES = 20_000;
const LOCAL_MAX_BYTES = 64 * 1024 * 1024;

interface StoredBranding {
  generation: number;
  branding: Branding;
}

interface BrandingCacheState {
  local: LRUCache<string, Branding>;
  /** Bumped per tenant on invalidation, so a load that started before it is not cached after it. */
  invalidations: Map<string, number>;
  version: number;
}

const STATE_KEY = Symbol.for("asset-anchor.branding-cache");
type GlobalWithState = typeof globalThis & { [STATE_KEY]?: BrandingCacheState };
const globalWithState = globalThis as GlobalWithState;

function state(): BrandingCacheState {
  let cache = globalWithState[STATE_KEY];
  if (cache) return cache;
  const local = new LRUCache<string, Branding>({
    max: LOCAL_MAX_ENTRIES,
    maxSize: LOCAL_MAX_BYTES,
    // At most 2 bytes per character in memory; an entry too large to fit is not kept.
    sizeCalculation: (branding) => 2 * JSON.stringify(branding).length,
    ttl: LOCAL_TTL_MS,
  });
  const created: BrandingCacheState = { local, invalidations: new Map(), version: 0 };
  globalWithState[STATE_KEY] = cache = created;
  clearOnTenantChange((tenantId) => {
    created.version += 1;
    if (tenantId === null) {
      created.local.clear();
      created.invalidations.clear();
      created.invalidations.set("*", created.version);
    } else {
      created.local.delete(tenantId);
      created.invalidations.set(tenantId, created.version);
    }
  });
  return cache;
}

export function brandingRedisKey(client: Kv, tenantId: string): string {
  return client.key("cache", tenantId, "branding");
}

function redisUnavailable(error: unknown, tenantId: string): null {
  if (!(error instanceof KvUnavailableError)) throw error;
  logger.warn({ err: error, tenantId }, "branding cache: Redis unavailable; reading Postgres");
  return null;
}

/**
 * A tenant's branding from this process's cache, else Redis (`<ns>:cache:<tenantId>:branding`, 1 h, valid
 * only under the tenant's current change generation), else `load()` (Postgres), which then fills both
 * (Redis only if the entry fits the tenant's `cacheBytes`).
 * Without Redis, or with Redis down, the process cache alone.
 */
export async function cachedBranding(tenantId: string, load: () => Promise<{ branding: Branding; cacheBytes: number }>): Promise<Branding> {
  const cache = state();
  const hit = cache.local.get(tenantId);
  if (hit) return hit;
  const startedAt = cache.version;
  const client = await kv().catch(() => null);
  let generation: number | null = null;
  if (client) {
    const stored = await client.redis
      .mget<[number | null, StoredBranding | null]>(tenantGenerationKey(client, tenantId), brandingRedisKey(client, tenantId))
      .catch((error: unknown) => redisUnavailable(error, tenantId));
    if (stored) {
      generation = stored[0] ?? 0;
      if (stored[1] && stored[1].generation === generation) {
        rememberLocally(cache, tenantId, stored[1].branding, startedAt);
        return stored[1].branding;
      }
    }
  }
  const { branding, cacheBytes } = await load();
  rememberLocally(cache, tenantId, branding, startedAt);
  const entry: StoredBranding = { generation: generation ?? 0, branding };
  // The tenant's whole Redis cache is this one entry, so its plan's cache size bounds it directly.
  if (client && generation !== null && Buffer.byteLength(JSON.stringify(entry)) <= cacheBytes) {
    await client.redis.set(brandingRedisKey(client, tenantId), entry, { ex: BRANDING_REDIS_TTL_SECONDS }).catch((error: unknown) => redisUnavailable(error, tenantId));
  }
  return branding;
}

function rememberLocally(cache: BrandingCacheState, tenantId: string, branding: Branding, startedAt: number): void {
  const invalidatedAt = Math.max(cache.invalidations.get(tenantId) ?? 0, cache.invalidations.get("*") ?? 0);
  if (invalidatedAt <= startedAt) cache.local.set(tenantId, branding, { ttl: cacheLifetimeMs(LOCAL_TTL_MS) });
}
