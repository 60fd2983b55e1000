import { Redis } from "@upstash/redis";
import { env } from "@/lib/env/env";
import { logger } from "@/lib/log/logger";
import { emptyCounters, type KvCounters } from "./kv-errors";
import { createRedisRequester } from "./kv-redis-requester";
import { createKvRequester } from "./kv-requester";
import { connectRedis, createRedisExecutor, subscribeOnce, throttledWarning, type RedisConnection, type SubscribeOnceHandlers } from "./redis-executor";

export { KvUnavailableError, type KvCounters } from "./kv-errors";

/**
 * The one module that talks to Redis. Everything goes through @upstash/redis: over its REST protocol to
 * Upstash (or any compatible endpoint) with UPSTASH_REDIS_REST_URL + _TOKEN, or, for a plain Redis/Valkey
 * at REDIS_URL, with a requester that executes its requests on a node-redis connection of this process
 * (no HTTP in between; subscriptions on node-redis subscriber connections).
 */
export type KvConfig = { kind: "rest"; url: string; token: string } | { kind: "redis"; redisUrl: string };

export interface KvSubscription {
  /** Resolves once the first subscription is confirmed. */
  ready: Promise<void>;
  close(): void;
}

export interface SubscribeHandlers {
  onMessage(message: string): void;
  /** After the stream was lost and came back: messages published meanwhile were missed. */
  onResubscribed?(): void;
  /** The confirmed stream ended (Redis or the endpoint went away); resubscribing follows. */
  onLost?(): void;
}

export interface Kv {
  redis: Redis;
  counters: KvCounters;
  /** Where it talks to, without secrets. */
  target: string;
  /** Keys and channels of this deployment start with it (KV_NAMESPACE), so deployments can share a Redis. */
  key(...parts: string[]): string;
  subscribe(channel: string, handlers: SubscribeHandlers): KvSubscription;
  close(): Promise<void>;
}

export interface KvOptions {
  timeoutMs: number;
  namespace: string;
}

export function kvConfigFromEnv(): KvConfig | null {
  const values = env();
  if (values.UPSTASH_REDIS_REST_URL) {
    if (!values.UPSTASH_REDIS_REST_TOKEN) throw new Error("Invalid environment:\n  UPSTASH_REDIS_REST_TOKEN: required with UPSTASH_REDIS_REST_URL");
    return { kind: "rest", url: values.UPSTASH_REDIS_REST_URL, token: values.UPSTASH_REDIS_REST_TOKEN };
  }
  if (values.REDIS_URL) return { kind: "redis", redisUrl: values.REDIS_URL };
  return null;
}

function redactedRedisUrl(redisUrl: string): string {
  const url = new URL(redisUrl);
  if (url.password) url.password = "***";
  return url.toString();
}

export async function createKv(config: KvConfig, options: KvOptions): Promise<Kv> {
  const counters = emptyCounters();
  const subscriptions = new Set<KvSubscription>();
  let connection: RedisConnection | undefined;
  let redis: Redis;
  let streamOnce: StreamOnce;
  if (config.kind === "redis") {
    const direct = await connectRedis({ redisUrl: config.redisUrl, commandTimeoutMs: options.timeoutMs }, throttledWarning());
    connection = direct;
    redis = new Redis(createRedisRequester({ executor: createRedisExecutor(direct, options.timeoutMs), timeoutMs: options.timeoutMs, counters }));
    streamOnce = (channel, handlers, signal) => subscribeOnce(direct, channel, options.timeoutMs, handlers, signal);
  } else {
    redis = new Redis(createKvRequester({ ...config, timeoutMs: options.timeoutMs, counters }));
    streamOnce = (channel, handlers, signal) => streamOverRest(config, channel, handlers, signal);
  }
  return {
    redis,
    counters,
    target: config.kind === "redis" ? redactedRedisUrl(config.redisUrl) : new URL(config.url).origin,
    key: (...parts) => [options.namespace, ...parts].join(":"),
    subscribe(channel, handlers) {
      const subscription = resubscribing(streamOnce, channel, handlers, () => subscriptions.delete(subscription));
      subscriptions.add(subscription);
      return subscription;
    },
    async close() {
      for (const subscription of [...subscriptions]) subscription.close();
      if (connection?.isOpen) connection.destroy();
    },
  };
}

/** One subscription stream: settles when it ends (or `signal` aborts); resubscribing() starts the next. */
type StreamOnce = (channel: string, handlers: SubscribeOnceHandlers, signal: AbortSignal) => Promise<void>;

/** SUBSCRIBE over the REST protocol's event stream (`POST /subscribe/<channel>`). */
async function streamOverRest(endpoint: { url: string; token: string }, channel: string, handlers: SubscribeOnceHandlers, signal: AbortSignal): Promise<void> {
  const response = await fetch(`${endpoint.url.replace(/\/$/, "")}/subscribe/${encodeURIComponent(channel)}`, {
    method: "POST",
    headers: { authorization: `Bearer ${endpoint.token}`, accept: "text/event-stream" },
    signal,
  });
  if (!response.ok || !response.body) {
    await response.body?.cancel();
    throw new Error(`subscribe answered ${response.status}`);
  }
  const handleLine = (line: string) => {
    if (!line.startsWith("data: ")) return;
    const data = line.slice("data: ".length);
    const typeEnd = data.indexOf(",");
    const channelEnd = data.indexOf(",", typeEnd + 1);
    if (typeEnd === -1 || channelEnd === -1) return;
    const type = data.slice(0, typeEnd);
    if (type === "subscribe") handlers.confirmed();
    else if (type === "message") handlers.message(data.slice(channelEnd + 1));
  };
  const decoder = new TextDecoder();
  let buffer = "";
  const reader = response.body.getReader();
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
    buffer += decoder.decode(chunk.value, { stream: true });
    let newline = buffer.indexOf("\n");
    while (newline !== -1) {
      handleLine(buffer.slice(0, newline).replace(/\r$/, ""));
      buffer = buffer.slice(newline + 1);
      newline = buffer.indexOf("\n");
    }
  }
}

/** Runs `streamOnce` again with backoff whenever the stream ends, for as long as it is not closed. */
function resubscribing(streamOnce: StreamOnce, channel: string, handlers: SubscribeHandlers, onClose: () => void): KvSubscription {
  let closed = false;
  let controller: AbortController | undefined;
  let retryTimer: NodeJS.Timeout | undefined;
  let wakeRetry: (() => void) | undefined;
  let confirmedBefore = false;
  let confirmedInThisStream = false;
  let attempt = 0;
  let markReady!: () => void;
  const ready = new Promise<void>((resolve) => (markReady = resolve));

  const streamHandlers: SubscribeOnceHandlers = {
    confirmed() {
      if (confirmedBefore) handlers.onResubscribed?.();
      confirmedBefore = true;
      confirmedInThisStream = true;
      attempt = 0;
      markReady();
    },
    message: (message) => handlers.onMessage(message),
  };

  void (async () => {
    while (!closed) {
      confirmedInThisStream = false;
      controller = new AbortController();
      try {
        await streamOnce(channel, streamHandlers, controller.signal);
      } catch (error) {
        if (!closed && attempt === 0) logger.warn({ err: error, channel }, "kv subscription lost; resubscribing");
      }
      if (closed) break;
      if (confirmedInThisStream) handlers.onLost?.();
      const delay = Math.min(250 * 2 ** attempt, 5_000);
      attempt += 1;
      await new Promise<void>((resolve) => {
        wakeRetry = resolve;
        retryTimer = setTimeout(resolve, delay);
        retryTimer.unref();
      });
    }
  })();

  return {
    ready,
    close() {
      if (closed) return;
      closed = true;
      controller?.abort();
      clearTimeout(retryTimer);
      wakeRetry?.();
      onClose();
    },
  };
}

// One client per process, shared by every bundle of this module (proxy, app routes, CLI).
const STATE_KEY = Symbol.for("asset-anchor.kv");
type KvState = { kv?: Promise<Kv | null> };
type GlobalWithKv = typeof globalThis & { [STATE_KEY]?: KvState };
const globalWithKv = globalThis as GlobalWithKv;

/** This process's client, or null when no Redis is configured (callers then keep state per process). */
export function kv(): Promise<Kv | null> {
  const state = (globalWithKv[STATE_KEY] ??= {});
  state.kv ??= (async () => {
    const config = kvConfigFromEnv();
    if (!config) return null;
    return createKv(config, { timeoutMs: env().KV_TIMEOUT_MS, namespace: env().KV_NAMESPACE });
  })();
  return state.kv;
}

export async function closeKv(): Promise<void> {
  const state = globalWithKv[STATE_KEY];
  if (!state?.kv) return;
  const pending = state.kv;
  state.kv = undefined;
  await (await pending.catch(() => null))?.close();
}

/**
 * Makes `client` this process's client (closing none): for tests that bring a Redis of their own to
 * stop mid-test, and scripts that built one with createKv. Null: no Redis, per-process state.
 */
export function useKvForProcess(client: Kv | null): void {
  (globalWithKv[STATE_KEY] ??= {}).kv = Promise.resolve(client);
}
