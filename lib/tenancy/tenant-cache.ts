import { randomUUID } from "node:crypto";
import pg from "pg";
import { LRUCache } from "lru-cache";
import { env } from "@/lib/env/env";
import { logger } from "@/lib/log/logger";
import type { TenantRef } from "./context";

export const TENANT_CHANGED_CHANNEL = "asset_anchor_tenant_changed";

interface CacheEntry {
  tenant: TenantRef | null;
}

interface CacheState {
  entries: LRUCache<string, CacheEntry>;
  /** Other per-tenant caches (branding) that must forget the same moment host resolution does. */
  dependents: Set<() => void>;
  listener?: pg.Client;
  listenerStarting?: Promise<void>;
  listenerRetryAt: number;
}

// Shared by every bundle of this module in the process (proxy and app routes), so one
// invalidation clears what both have cached.
const STATE_KEY = Symbol.for("asset-anchor.tenant-cache");
type GlobalWithState = typeof globalThis & { [STATE_KEY]?: CacheState };
const globalWithState = globalThis as GlobalWithState;

function state(): CacheState {
  return (globalWithState[STATE_KEY] ??= {
    entries: new LRUCache<string, CacheEntry>({ max: 20_000, ttl: Math.max(1, env().TENANT_CACHE_TTL_MS) }),
    listenerRetryAt: 0,
    dependents: new Set(),
  });
}

function clearAll(cache: CacheState): void {
  cache.entries.clear();
  for (const clear of cache.dependents) clear();
}

/** Registers a cache to be cleared whenever any tenant changes, in this process or another. */
export function clearOnTenantChange(clear: () => void): void {
  const cache = state();
  cache.dependents.add(clear);
  void ensureListener(cache);
}

/** Host-resolution cache: positive and negative answers, short TTL, cleared on any tenant change. */
export async function cachedLookup(key: string, load: () => Promise<TenantRef | null>): Promise<TenantRef | null> {
  const cache = state();
  void ensureListener(cache);
  if (env().TENANT_CACHE_TTL_MS > 0) {
    const hit = cache.entries.get(key);
    if (hit) return hit.tenant;
  }
  const tenant = await load();
  cache.entries.set(key, { tenant });
  return tenant;
}

export function invalidateTenantCache(): void {
  clearAll(state());
}

/**
 * Other processes (CLI, other app instances) announce tenant changes with NOTIFY; this process
 * listens on one dedicated connection. If it drops, the TTL still bounds staleness.
 */
async function ensureListener(cache: CacheState): Promise<void> {
  if (cache.listener || cache.listenerStarting || Date.now() < cache.listenerRetryAt) return;
  cache.listenerStarting = (async () => {
    const client = new pg.Client({ connectionString: env().APP_DATABASE_URL, application_name: "asset-anchor-tenant-cache" });
    const drop = (reason: string) => {
      if (cache.listener !== client) return;
      cache.listener = undefined;
      clearAll(cache);
      cache.listenerRetryAt = Date.now() + 5_000;
      logger.warn({ reason }, "tenant cache listener lost; relying on TTL until it reconnects");
    };
    try {
      client.on("notification", () => clearAll(cache));
      client.on("error", (error) => drop(error.message));
      client.on("end", () => drop("connection ended"));
      await client.connect();
      await client.query(`LISTEN ${TENANT_CHANGED_CHANNEL}`);
      cache.listener = client;
    } catch (error) {
      cache.listenerRetryAt = Date.now() + 5_000;
      await client.end().catch(() => undefined);
      logger.warn({ err: error }, "tenant cache listener could not start");
    } finally {
      cache.listenerStarting = undefined;
    }
  })();
  return cache.listenerStarting;
}

export async function stopTenantCacheListener(): Promise<void> {
  const cache = globalWithState[STATE_KEY];
  if (!cache) return;
  await cache.listenerStarting;
  const client = cache.listener;
  cache.listener = undefined;
  cache.listenerRetryAt = Number.POSITIVE_INFINITY;
  await client?.end().catch(() => undefined);
}

/**
 * Waits until every change announced before this call has reached this process's listener
 * (notifications arrive in order, so a marker of our own is enough). False if not listening.
 */
export async function flushTenantChangeNotifications(): Promise<boolean> {
  const cache = state();
  await ensureListener(cache);
  const listener = cache.listener;
  if (!listener) return false;
  const marker = `flush:${randomUUID()}`;
  const arrived = new Promise<void>((resolve) => {
    const onNotification = (message: pg.Notification) => {
      if (message.payload !== marker) return;
      listener.off("notification", onNotification);
      resolve();
    };
    listener.on("notification", onNotification);
  });
  await listener.query("SELECT pg_notify($1, $2)", [TENANT_CHANGED_CHANNEL, marker]);
  await arrived;
  return true;
}
