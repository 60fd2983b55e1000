import { HeadBucketCommand } from "@aws-sdk/client-s3";
import { appPool } from "@/lib/db/pools";
import { kv } from "@/lib/kv/kv";
import { bucket, s3 } from "@/lib/storage/s3";

/** How long one dependency may take before it counts as down (a load balancer's probe is short). */
export const DEPENDENCY_TIMEOUT_MS = 2_000;

export type DependencyStatus = "up" | "down" | "not_configured";

export interface DependencyCheck {
  status: DependencyStatus;
  latencyMs: number;
  /** Why it is down: the error's class or code, never a connection string or tenant data. */
  error?: string;
}

export interface PlatformHealth {
  status: "ok" | "down";
  checks: { database: DependencyCheck; redis: DependencyCheck; storage: DependencyCheck };
}

function withTimeout<T>(work: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error("timeout")), timeoutMs);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

function errorName(error: unknown): string {
  const value = error as { code?: unknown; name?: unknown; message?: unknown };
  if (typeof value.code === "string") return value.code;
  if (value.message === "timeout") return "timeout";
  return typeof value.name === "string" ? value.name : "error";
}

/** Attempts per dependency within the budget: one slow answer (a Redis call past KV_TIMEOUT_MS under load) is not an outage. */
const PROBE_ATTEMPTS = 3;

async function probe(work: () => Promise<DependencyStatus>, timeoutMs: number): Promise<DependencyCheck> {
  const started = performance.now();
  let lastError: unknown;
  for (let attempt = 0; attempt < PROBE_ATTEMPTS; attempt += 1) {
    const remainingMs = timeoutMs - (performance.now() - started);
    if (remainingMs <= 0) break;
    try {
      const status = await withTimeout(work(), remainingMs);
      return { status, latencyMs: Math.round(performance.now() - started) };
    } catch (error) {
      lastError = error;
    }
  }
  return { status: "down", latencyMs: Math.round(performance.now() - started), error: errorName(lastError ?? new Error("timeout")) };
}

/**
 * The apex's load-balancer check: PostgreSQL as the app role (`SELECT 1`), Redis (PING through lib/kv;
 * `not_configured` when the deployment runs without Redis, which is not an outage), the S3 bucket
 * (HeadBucket). No tenant is read.
 */
export async function checkPlatformHealth(timeoutMs = DEPENDENCY_TIMEOUT_MS): Promise<PlatformHealth> {
  const [database, redis, storage] = await Promise.all([
    probe(async () => {
      await appPool().query("SELECT 1");
      return "up";
    }, timeoutMs),
    probe(async () => {
      const client = await kv();
      if (!client) return "not_configured";
      await client.redis.ping();
      return "up";
    }, timeoutMs),
    probe(async () => {
      await s3().send(new HeadBucketCommand({ Bucket: bucket() }));
      return "up";
    }, timeoutMs),
  ]);
  const down = [database, redis, storage].some((check) => check.status === "down");
  return { status: down ? "down" : "ok", checks: { database, redis, storage } };
}
