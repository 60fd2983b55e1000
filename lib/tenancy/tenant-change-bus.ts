import { randomUUID } from "node:crypto";
import pg from "pg";
import { sharedDb } from "@/lib/db/shared-client";
import { env } from "@/lib/env/env";
import { kv, type Kv, type KvSubscription } from "@/lib/kv/kv";
import { logger } from "@/lib/log/logger";

/**
 * How processes tell each other that one tenant changed: one message per change carrying the tenant's
 * id, on one channel. With Redis configured (lib/kv) the channel is `<KV_NAMESPACE>:tenant-changed`
 * (pub/sub); without it, Postgres `NOTIFY asset_anchor_tenant_changed`, received on one dedicated
 * session connection to DIRECT_DATABASE_URL (LISTEN does not work through a transaction pooler).
 */
export const TENANT_CHANGED_CHANNEL = "asset_anchor_tenant_changed";
export const TENANT_CHANGED_KV_CHANNEL = "tenant-changed";
const FLUSH_PREFIX = "flush:";

/** `tenantId` changed; null: the subscription was (re)established and messages may have been missed. */
export type TenantChangeHandler = (tenantId: string | null) => void;

export type TenantChangeTransport = "redis" | "postgres";

interface BusState {
  handlers: Set<TenantChangeHandler>;
  flushWaiters: Map<string, () => void>;
  transport?: Promise<TenantChangeTransport>;
  subscribed: boolean;
  /** Resolves at the next (re)subscription. */
  nextSubscribed: Promise<void>;
  markSubscribed: () => void;
  stop?: () => Promise<void>;
  stopped: boolean;
}

const STATE_KEY = Symbol.for("asset-anchor.tenant-change-bus");
type GlobalWithState = typeof globalThis & { [STATE_KEY]?: BusState };
const globalWithState = globalThis as GlobalWithState;

function state(): BusState {
  let current = globalWithState[STATE_KEY];
  if (!current) {
    current = { handlers: new Set(), flushWaiters: new Map(), subscribed: false, stopped: false, nextSubscribed: Promise.resolve(), markSubscribed: () => undefined };
    armSubscribed(current);
    globalWithState[STATE_KEY] = current;
  }
  return current;
}

function armSubscribed(bus: BusState): void {
  bus.nextSubscribed = new Promise<void>((resolve) => (bus.markSubscribed = resolve));
}

function deliver(bus: BusState, message: string | null): void {
  if (message?.startsWith(FLUSH_PREFIX)) {
    bus.flushWaiters.get(message)?.();
    return;
  }
  for (const handler of bus.handlers) handler(message);
}

function onSubscribed(bus: BusState): void {
  bus.subscribed = true;
  // Whatever was cached before this moment may have missed a message.
  deliver(bus, null);
  bus.markSubscribed();
}

function onLost(bus: BusState): void {
  if (!bus.subscribed) return;
  bus.subscribed = false;
  armSubscribed(bus);
  deliver(bus, null);
}

/** The Redis client when Redis is configured, else null (Postgres NOTIFY). */
async function redisOrNull(): Promise<Kv | null> {
  return kv().catch((error: unknown) => {
    logger.warn({ err: error }, "tenant changes: Redis client could not start; using Postgres NOTIFY");
    return null;
  });
}

function start(bus: BusState): Promise<TenantChangeTransport> {
  bus.transport ??= (async () => {
    const client = await redisOrNull();
    if (client) {
      const subscription: KvSubscription = client.subscribe(client.key(TENANT_CHANGED_KV_CHANNEL), {
        onMessage: (message) => deliver(bus, message),
        onResubscribed: () => onSubscribed(bus),
        onLost: () => onLost(bus),
      });
      void subscription.ready.then(() => onSubscribed(bus));
      bus.stop = async () => subscription.close();
      return "redis";
    }
    bus.stop = listenOnPostgres(bus);
    return "postgres";
  })();
  return bus.transport;
}

/**
 * LISTEN on a session connection of its own, reconnecting with backoff (250 ms doubling to 5 s) for
 * as long as the process runs.
 */
function listenOnPostgres(bus: BusState): () => Promise<void> {
  let closed = false;
  let client: pg.Client | undefined;
  let retryTimer: NodeJS.Timeout | undefined;
  let attempt = 0;

  const scheduleRetry = () => {
    if (closed || retryTimer) return;
    const delay = Math.min(250 * 2 ** attempt, 5_000);
    attempt += 1;
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      void connect();
    }, delay);
    retryTimer.unref();
  };

  const connect = async () => {
    const candidate = new pg.Client({
      connectionString: env().DIRECT_DATABASE_URL,
      application_name: "asset-anchor-tenant-changes",
      connectionTimeoutMillis: 5_000,
      keepAlive: true,
    });
    let lost = false;
    const drop = (reason: string) => {
      if (lost) return;
      lost = true;
      if (client === candidate) client = undefined;
      void candidate.end().catch(() => undefined);
      if (closed) return;
      if (bus.subscribed) logger.warn({ reason }, "tenant change listener lost; reconnecting (the cache TTL bounds staleness meanwhile)");
      onLost(bus);
      scheduleRetry();
    };
    candidate.on("notification", (message) => deliver(bus, message.payload ?? null));
    candidate.on("error", (error) => drop(error.message));
    candidate.on("end", () => drop("connection ended"));
    try {
      await candidate.connect();
      await candidate.query(`LISTEN ${TENANT_CHANGED_CHANNEL}`);
    } catch (error) {
      if (attempt === 0) logger.warn({ err: error }, "tenant change listener could not start; retrying");
      drop(error instanceof Error ? error.message : String(error));
      return;
    }
    if (closed || lost) {
      await candidate.end().catch(() => undefined);
      return;
    }
    client = candidate;
    attempt = 0;
    onSubscribed(bus);
  };

  void connect();
  return async () => {
    closed = true;
    clearTimeout(retryTimer);
    const current = client;
    client = undefined;
    await current?.end().catch(() => undefined);
  };
}

/** Calls `handler` for every tenant change this process hears of. Starts listening. Returns an unsubscribe. */
export function onTenantChange(handler: TenantChangeHandler): () => void {
  const bus = state();
  bus.handlers.add(handler);
  if (!bus.stopped) void start(bus);
  return () => bus.handlers.delete(handler);
}

/** Resolves once this process is subscribed (tests, and boot when wanted); the transport in use. */
export async function listenForTenantChanges(): Promise<TenantChangeTransport> {
  const bus = state();
  const transport = await start(bus);
  while (!bus.subscribed) await bus.nextSubscribed;
  return transport;
}

/** Whether this process currently hears tenant changes. */
export function tenantChangesSubscribed(): boolean {
  return state().subscribed;
}

/**
 * How long a per-process cache entry stored now may live, given its own lifetime `shortMs` (0: not
 * cached). While this process hears tenant changes, every change drops the changed tenant's entries at
 * once and a lost subscription drops everything, so the entry may live TENANT_CACHE_SUBSCRIBED_TTL_MS
 * (never less than `shortMs`): that then only bounds an announcement a publisher failed to send. While
 * it does not hear them, `shortMs` bounds staleness as before. Decided when the entry is stored.
 */
export function cacheLifetimeMs(shortMs: number): number {
  if (shortMs <= 0 || !state().subscribed) return shortMs;
  return Math.max(shortMs, env().TENANT_CACHE_SUBSCRIBED_TTL_MS);
}

/** Every cache of this process that registered with onTenantChange drops `tenantId` now. */
export function dropTenantLocally(tenantId: string): void {
  deliver(state(), tenantId);
}

/**
 * Announces that `tenantId` changed to every other process (and this one again, when it listens).
 * A lost announcement is logged, never thrown: the caller's change is committed, and the caches' TTL
 * bounds how long other processes serve the old answer.
 */
export async function announceTenantChange(tenantId: string): Promise<void> {
  await announce(tenantId, { bumpGeneration: true });
}

/**
 * The Redis key counting a tenant's announced changes. Entries a Redis cache keeps for a tenant carry
 * the generation they were loaded under and count only while it is current, so one INCR (in the same
 * transaction as the PUBLISH) invalidates all of them in every process, and a load that raced the
 * change cannot store a stale entry as current.
 */
export function tenantGenerationKey(client: Kv, tenantId: string): string {
  return client.key("tenant-generation", tenantId);
}

async function announce(message: string, options: { bumpGeneration: boolean }): Promise<boolean> {
  const client = await redisOrNull();
  try {
    if (client) {
      const channel = client.key(TENANT_CHANGED_KV_CHANNEL);
      if (options.bumpGeneration) await client.redis.multi().incr(tenantGenerationKey(client, message)).publish(channel, message).exec();
      else await client.redis.publish(channel, message);
    } else {
      // NOTIFY works through a transaction pooler (only LISTEN needs a session), so any pooled connection will do.
      await sharedDb().$executeRaw`SELECT pg_notify(${TENANT_CHANGED_CHANNEL}, ${message})`;
    }
    return true;
  } catch (error) {
    logger.warn({ err: error, message }, "tenant change not announced; other processes catch up within their cache TTL");
    return false;
  }
}

/**
 * Waits until every change announced before this call has reached this process (messages arrive in
 * order, so a marker of our own is enough). False if not subscribed.
 */
export async function flushTenantChanges(): Promise<boolean> {
  const bus = state();
  await start(bus);
  if (!bus.subscribed) return false;
  const marker = `${FLUSH_PREFIX}${randomUUID()}`;
  let timer: NodeJS.Timeout | undefined;
  const arrived = new Promise<boolean>((resolve) => {
    bus.flushWaiters.set(marker, () => resolve(true));
    timer = setTimeout(() => resolve(false), 10_000);
  });
  try {
    let sent = false;
    for (let attempt = 0; attempt < 3 && !sent; attempt += 1) sent = await announce(marker, { bumpGeneration: false });
    if (!sent) return false;
    return await arrived;
  } finally {
    clearTimeout(timer);
    bus.flushWaiters.delete(marker);
  }
}

export async function stopTenantChangeListener(): Promise<void> {
  const bus = globalWithState[STATE_KEY];
  if (!bus) return;
  bus.stopped = true;
  await bus.transport?.catch(() => undefined);
  await bus.stop?.();
  bus.stop = undefined;
  bus.transport = undefined;
  bus.subscribed = false;
  armSubscribed(bus);
}
