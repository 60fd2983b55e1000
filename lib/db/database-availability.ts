import { isDependencyUnavailable } from "@/lib/errors/dependency-unavailable";
import { KvUnavailableError } from "@/lib/kv/kv-errors";

/** At most one probe per this interval while the breaker is open. */
export const PROBE_INTERVAL_MS = 1_000;
/** How long a request may wait for the probe's `SELECT 1`, and how long the probe counts as in flight for requests. */
export const PROBE_TIMEOUT_MS = 250;

interface BreakerState {
  /** When an unavailable database was last recorded; null while the breaker is closed. */
  openSince: number | null;
  probe: { startedAt: number; result: Promise<boolean> } | null;
  lastProbeAt: number;
}

// One state per process: `next build` puts this module into several chunks (proxy, pages, instrumentation).
const STATE_KEY = Symbol.for("asset-anchor.database-availability");
const globalWithState = globalThis as typeof globalThis & { [STATE_KEY]?: BreakerState };
const state = (globalWithState[STATE_KEY] ??= { openSince: null, probe: null, lastProbeAt: 0 });

/** The AWS SDK (S3) marks its errors with `$metadata`: a refused S3 connection is not the database's. */
function fromAwsSdk(error: unknown): boolean {
  for (let current: unknown = error, depth = 0; current && typeof current === "object" && depth < 6; depth += 1) {
    if ("$metadata" in current) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/** Postgres (not Redis or S3, whose callers degrade or answer their own 503) could not be reached. */
export function isDatabaseUnavailable(error: unknown): boolean {
  return !(error instanceof KvUnavailableError) && !fromAwsSdk(error) && isDependencyUnavailable(error);
}

/** Opens the breaker when `error` means the database is unreachable; anything else leaves it as it is. */
export function recordDatabaseError(error: unknown): boolean {
  if (!isDatabaseUnavailable(error)) return false;
  state.openSince = Date.now();
  return true;
}

/** Whether the breaker is open (a request failed on an unreachable database and no probe has succeeded since). */
export function databaseUnavailableRecorded(): boolean {
  return state.openSince !== null;
}

/** The probe's query, e.g. `SELECT 1` on the app pool; passed in so this module stays free of pg (client bundles import app-error). */
export type DatabaseProbe = () => Promise<unknown>;

async function probeWithin(probe: DatabaseProbe): Promise<boolean> {
  const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error("probe timeout")), PROBE_TIMEOUT_MS).unref());
  await Promise.race([probe(), timeout]);
  return true;
}

function startProbe(probe: DatabaseProbe, now: number): Promise<boolean> {
  const result = probeWithin(probe)
    .catch(() => false)
    .then((up) => {
      // An error recorded while the probe ran is newer evidence than the probe's success.
      if (up && state.openSince !== null && state.openSince <= now) state.openSince = null;
      state.probe = null;
      return up;
    });
  state.probe = { startedAt: now, result };
  state.lastProbeAt = now;
  return result;
}

/**
 * For a request about to need the database: true when the breaker is closed, or when the probe (started
 * here at most once per PROBE_INTERVAL_MS, or already in flight) closes it within PROBE_TIMEOUT_MS.
 */
export async function databaseAvailable(probe: DatabaseProbe): Promise<boolean> {
  if (state.openSince === null) return true;
  const now = Date.now();
  let inFlight = state.probe;
  if (!inFlight && now - state.lastProbeAt >= PROBE_INTERVAL_MS) {
    startProbe(probe, now);
    inFlight = state.probe;
  }
  if (!inFlight) return false;
  const remaining = inFlight.startedAt + PROBE_TIMEOUT_MS - now;
  if (remaining <= 0) return false;
  const waited = new Promise<false>((resolve) => setTimeout(() => resolve(false), remaining).unref());
  await Promise.race([inFlight.result, waited]);
  return state.openSince === null;
}
