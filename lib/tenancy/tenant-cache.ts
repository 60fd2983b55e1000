import { LRUCache } from "lru-cache";
import { env } from "@/lib/env/env";
import type { TenantRef } from "./context";
import { cacheLifetimeMs, onTenantChange, stopTenantChangeListener, type TenantChangeHandler } from "./tenant-change-bus";

export { TENANT_CHANGED_CHANNEL } from "./tenant-change-bus";

interface CacheEntry {
  tenant: TenantRef | null;
}

interface CacheState {
  entries: LRUCache<string, CacheEntry>;
  /** Host keys answered with each tenant, so a change to one tenant drops only its own. */
  keysByTenant: Map<string, Set<string>>;
  /** Keys answered "no tenant": any tenant's change may make one of them resolve. */
  negativeKeys: Set<string>;
  /** Bumped on every invalidation; a load that started before one is not cached after it. */
  version: number;
  invalidatedAt: Map<string, number>;
  negativesClearedAt: number;
  allClearedAt: number;
  unsubscribe?: () => void;
}

// Shared by every bundle of this module in the process (proxy and app routes), so one
// invalidation clears what both have cached.
const STATE_KEY = Symbol.for("asset-anchor.tenant-cache");
type GlobalWithState = typeof globalThis & { [STATE_KEY]?: CacheState };
const globalWithState = globalThis as GlobalWithState;

function state(): CacheState {
  let cache = globalWithState[STATE_KEY];
  if (cache) return cache;
  const keysByTenant = new Map<string, Set<string>>();
  const negativeKeys = new Set<string>();
  const entries = new LRUCache<string, CacheEntry>({
    // Host keys (slug and custom domain) of 10,000 active tenants, with room for negative answers.
    max: 50_000,
    ttl: Math.max(1, env().TENANT_CACHE_TTL_MS),
    dispose: (entry, key) => {
      if (!entry.tenant) {
        negativeKeys.delete(key);
        return;
      }
      const keys = keysByTenant.get(entry.tenant.id);
      keys?.delete(key);
      if (keys?.size === 0) keysByTenant.delete(entry.tenant.id);
    },
  });
  cache = { entries, keysByTenant, negativeKeys, version: 0, invalidatedAt: new Map(), negativesClearedAt: 0, allClearedAt: 0 };
  globalWithState[STATE_KEY] = cache;
  return cache;
}

function listen(cache: CacheState): void {
  cache.unsubscribe ??= onTenantChange((tenantId) => drop(cache, tenantId));
}

function drop(cache: CacheState, tenantId: string | null): void {
  cache.version += 1;
  if (tenantId === null) {
    cache.entries.clear();
    cache.invalidatedAt.clear();
    cache.negativesClearedAt = cache.version;
    cache.allClearedAt = cache.version;
    return;
  }
  cache.invalidatedAt.set(tenantId, cache.version);
  for (const key of [...(cache.keysByTenant.get(tenantId) ?? [])]) cache.entries.delete(key);
  for (const key of [...cache.negativeKeys]) cache.entries.delete(key);
  cache.negativesClearedAt = cache.version;
}

/**
 * Registers a per-tenant cache (branding, profiles) to be dropped whenever a tenant changes, in this
 * process or another: `tenantId` is the changed tenant, null means "drop everything" (the listener
 * (re)connected, so messages may have been missed).
 */
export function clearOnTenantChange(clear: TenantChangeHandler): () => void {
  return onTenantChange(clear);
}

/**
 * Host-resolution cache: positive and negative answers, TENANT_CACHE_TTL_MS (longer while the tenant-change
 * bus is subscribed: cacheLifetimeMs). A change to a tenant drops
 * the keys that answered that tenant, and every negative answer (the change may make one resolve).
 */
export async function cachedLookup(key: string, load: () => Promise<TenantRef | null>): Promise<TenantRef | null> {
  const cache = state();
  listen(cache);
  if (env().TENANT_CACHE_TTL_MS > 0) {
    const hit = cache.entries.get(key);
    if (hit) return hit.tenant;
  }
  const startedAt = cache.version;
  const tenant = await load();
  const invalidatedSince = tenant ? (cache.invalidatedAt.get(tenant.id) ?? 0) > startedAt : cache.negativesClearedAt > startedAt;
  const ttl = cacheLifetimeMs(env().TENANT_CACHE_TTL_MS);
  if (ttl > 0 && !invalidatedSince && cache.allClearedAt <= startedAt) {
    cache.entries.set(key, { tenant }, { ttl });
    if (tenant) {
      let keys = cache.keysByTenant.get(tenant.id);
      if (!keys) cache.keysByTenant.set(tenant.id, (keys = new Set()));
      keys.add(key);
    } else {
      cache.negativeKeys.add(key);
    }
  }
  return tenant;
}

export async function stopTenantCacheListener(): Promise<void> {
  const cache = globalWithState[STATE_KEY];
  cache?.unsubscribe?.();
  if (cache) cache.unsubscribe = undefined;
  await stopTenantChangeListener();
}
