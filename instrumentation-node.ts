import { authSecret, env } from "@/lib/env/env";
import { installPeerStamp, parseTrustedProxies } from "@/lib/http/client-ip";
import { installFrontDoor } from "@/lib/http/front-door";

/**
 * Next only logs an error thrown from register() and keeps serving, so a server with invalid
 * configuration exits here instead of failing on every request.
 */
export function validateEnvOrExit(): void {
  try {
    env();
    authSecret();
    parseTrustedProxies(env().TRUSTED_PROXIES);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}

/** Every request's TCP peer reaches route handlers and server actions (see lib/http/client-ip.ts). */
export function stampRequestPeers(): void {
  installPeerStamp();
}

/** Refusals this process already knows of are answered before Next routes anything (lib/http/front-door.ts). */
export function openFrontDoor(): void {
  installFrontDoor();
}

/**
 * In production (not the embedded s3rver) the bucket must refuse anonymous reads; a server whose
 * tenants' files are public, or that cannot tell, exits with the reason instead of serving.
 */
export async function checkStorageOrExit(): Promise<void> {
  const { productionStorageCheck } = await import("@/lib/storage/s3");
  const { logger } = await import("@/lib/log/logger");
  const result = await productionStorageCheck();
  if (result.outcome === "failed") {
    logger.fatal({ check: "storage.anonymous_read" }, result.message);
    console.error(result.message);
    process.exit(1);
  }
  logger.info({ check: "storage.anonymous_read", outcome: result.outcome }, result.message);
}

/** Without any Redis configured, say once at boot that rate limits and metering are per-process. */
export async function announceRedisMode(): Promise<void> {
  const { kvConfigFromEnv } = await import("@/lib/kv/kv");
  if (kvConfigFromEnv()) return;
  const { announcePerProcessLimits } = await import("@/lib/rate-limit/sliding-window-limiter");
  announcePerProcessLimits();
}

/**
 * The in-process job scheduler (lib/jobs): only where the owner credentials are (DATABASE_URL, a worker
 * or a single-box deployment), never in tests; the web tier without them runs no jobs.
 */
export async function startJobScheduler(): Promise<void> {
  if (!env().DATABASE_URL || env().NODE_ENV === "test") return;
  const { startScheduler } = await import("@/lib/jobs/scheduler");
  startScheduler();
}
