import { kv, type Kv } from "@/lib/kv/kv";
import { DAILY_RETENTION_SECONDS, LATENCY_RETENTION_SECONDS, LATENCY_SAMPLES, usageKeys } from "./usage-keys";

/** One flush's worth of metering, aggregated per tenant, endpoint and day. */
export interface UsageBatchEntry {
  tenantId: string;
  endpoint: string;
  day: string;
  calls: number;
  errors: number;
  /** Response times in ms, oldest first (at most LATENCY_SAMPLES). */
  latencies: number[];
}

/**
 * Reads and writes metering: Redis through lib/kv (one pipeline per flush), or, with no Redis configured,
 * this process's memory with the same layout (the per-process mode of a fresh `npm run dev`).
 */
/** A hash written whole (its fields replaced), kept `ttlSeconds`. */
export interface UsageHashEntry {
  key: string[];
  fields: Record<string, number>;
  ttlSeconds: number;
}

export interface UsageStore {
  write(batch: UsageBatchEntry[]): Promise<void>;
  setHashes(entries: UsageHashEntry[]): Promise<void>;
  hashes(keys: string[][]): Promise<Array<Record<string, number>>>;
  lists(keys: string[][]): Promise<number[][]>;
}

function redisStore(client: Kv): UsageStore {
  const key = (parts: string[]) => client.key(...parts);
  return {
    async write(batch) {
      const pipeline = client.redis.pipeline();
      for (const entry of batch) {
        pipeline.hincrby(key(usageKeys.calls(entry.tenantId)), entry.endpoint, entry.calls);
        const daily = key(usageKeys.daily(entry.tenantId, entry.day));
        pipeline.hincrby(daily, entry.endpoint, entry.calls);
        pipeline.expire(daily, DAILY_RETENTION_SECONDS);
        if (entry.errors > 0) {
          const errors = key(usageKeys.errors(entry.tenantId, entry.day));
          pipeline.hincrby(errors, entry.endpoint, entry.errors);
          pipeline.expire(errors, DAILY_RETENTION_SECONDS);
        }
        if (entry.latencies.length > 0) {
          const latency = key(usageKeys.latency(entry.tenantId, entry.endpoint));
          pipeline.lpush(latency, ...entry.latencies);
          pipeline.ltrim(latency, 0, LATENCY_SAMPLES - 1);
          pipeline.expire(latency, LATENCY_RETENTION_SECONDS);
        }
      }
      if (batch.length > 0) await pipeline.exec();
    },
    async setHashes(entries) {
      if (entries.length === 0) return;
      const pipeline = client.redis.pipeline();
      for (const entry of entries) {
        pipeline.hset(key(entry.key), entry.fields);
        pipeline.expire(key(entry.key), entry.ttlSeconds);
      }
      await pipeline.exec();
    },
    async hashes(keys) {
      if (keys.length === 0) return [];
      const pipeline = client.redis.pipeline();
      for (const parts of keys) pipeline.hgetall(key(parts));
      const results = (await pipeline.exec()) as Array<Record<string, unknown> | null>;
      return results.map((hash) => Object.fromEntries(Object.entries(hash ?? {}).map(([field, value]) => [field, Number(value)])));
    },
    async lists(keys) {
      if (keys.length === 0) return [];
      const pipeline = client.redis.pipeline();
      for (const parts of keys) pipeline.lrange(key(parts), 0, -1);
      const results = (await pipeline.exec()) as unknown[][];
      return results.map((list) => (list ?? []).map(Number));
    },
  };
}

const MEMORY_KEY = Symbol.for("asset-anchor.usage-memory");
type Memory = { hashes: Map<string, Map<string, number>>; lists: Map<string, number[]> };
type GlobalWithMemory = typeof globalThis & { [MEMORY_KEY]?: Memory };

function memoryStore(): UsageStore {
  const memory = ((globalThis as GlobalWithMemory)[MEMORY_KEY] ??= { hashes: new Map(), lists: new Map() });
  const incr = (parts: string[], field: string, by: number) => {
    const id = parts.join(":");
    const hash = memory.hashes.get(id) ?? new Map<string, number>();
    hash.set(field, (hash.get(field) ?? 0) + by);
    memory.hashes.set(id, hash);
  };
  return {
    async write(batch) {
      for (const entry of batch) {
        incr(usageKeys.calls(entry.tenantId), entry.endpoint, entry.calls);
        incr(usageKeys.daily(entry.tenantId, entry.day), entry.endpoint, entry.calls);
        if (entry.errors > 0) incr(usageKeys.errors(entry.tenantId, entry.day), entry.endpoint, entry.errors);
        const id = usageKeys.latency(entry.tenantId, entry.endpoint).join(":");
        memory.lists.set(id, [...[...entry.latencies].reverse(), ...(memory.lists.get(id) ?? [])].slice(0, LATENCY_SAMPLES));
      }
    },
    async setHashes(entries) {
      for (const entry of entries) memory.hashes.set(entry.key.join(":"), new Map(Object.entries(entry.fields)));
    },
    async hashes(keys) {
      return keys.map((parts) => Object.fromEntries(memory.hashes.get(parts.join(":")) ?? []));
    },
    async lists(keys) {
      return keys.map((parts) => [...(memory.lists.get(parts.join(":")) ?? [])]);
    },
  };
}

/** Redis when configured, else this process's memory. */
export async function usageStore(): Promise<UsageStore> {
  const client = await kv().catch(() => null);
  return client ? redisStore(client) : memoryStore();
}
