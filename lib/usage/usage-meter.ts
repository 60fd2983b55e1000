import { logger } from "@/lib/log/logger";
import { LATENCY_SAMPLES, utcDay } from "./usage-keys";
import { usageStore, type UsageBatchEntry } from "./usage-store";

/**
 * Metering of tenant API calls without Redis on the request's path: `recordApiCall` only adds to this
 * process's buffer (aggregated per tenant, endpoint and day); a timer flushes it every FLUSH_INTERVAL_MS,
 * or as soon as it holds FLUSH_AT_ENTRIES aggregates, as one pipeline for all the requests since the last
 * flush. The buffer is bounded (MAX_ENTRIES aggregates); calls that find it full, or whose flush fails
 * (Redis down or slow), are dropped and counted.
 */
export const FLUSH_INTERVAL_MS = 1_000;
export const FLUSH_AT_ENTRIES = 1_000;
export const MAX_ENTRIES = 10_000;

export interface UsageMeterCounters {
  recorded: number;
  flushed: number;
  /** Calls never written: buffer full, or their flush failed. */
  dropped: number;
  /** Aggregates (tenant, endpoint, day) waiting for the next flush. */
  buffered: number;
}

interface MeterState {
  buffer: Map<string, UsageBatchEntry>;
  counters: Omit<UsageMeterCounters, "buffered">;
  timer?: NodeJS.Timeout;
  flushing?: Promise<void>;
  lastDropWarning: number;
}

const STATE_KEY = Symbol.for("asset-anchor.usage-meter");
type GlobalWithMeter = typeof globalThis & { [STATE_KEY]?: MeterState };

function state(): MeterState {
  return ((globalThis as GlobalWithMeter)[STATE_KEY] ??= { buffer: new Map(), counters: { recorded: 0, flushed: 0, dropped: 0 }, lastDropWarning: 0 });
}

export function usageMeterCounters(): Readonly<UsageMeterCounters> {
  const meter = state();
  return { ...meter.counters, buffered: meter.buffer.size };
}

function warnDropped(meter: MeterState, reason: string, error?: unknown): void {
  const now = Date.now();
  if (now - meter.lastDropWarning < 10_000) return;
  meter.lastDropWarning = now;
  logger.warn({ err: error, dropped: meter.counters.dropped }, `usage metering: calls dropped (${reason})`);
}

/** One tenant API call: synchronous, no I/O. `status` ≥ 400 counts as an error. */
export function recordApiCall(call: { tenantId: string; endpoint: string; status: number; durationMs: number; at?: number }): void {
  const meter = state();
  const day = utcDay(call.at ?? Date.now());
  const id = `${call.tenantId}\n${call.endpoint}\n${day}`;
  let entry = meter.buffer.get(id);
  if (!entry) {
    if (meter.buffer.size >= MAX_ENTRIES) {
      meter.counters.dropped += 1;
      warnDropped(meter, "buffer full");
      return;
    }
    entry = { tenantId: call.tenantId, endpoint: call.endpoint, day, calls: 0, errors: 0, latencies: [] };
    meter.buffer.set(id, entry);
  }
  entry.calls += 1;
  if (call.status >= 400) entry.errors += 1;
  entry.latencies.push(Math.round(call.durationMs * 10) / 10);
  if (entry.latencies.length > LATENCY_SAMPLES) entry.latencies.shift();
  meter.counters.recorded += 1;
  if (meter.buffer.size >= FLUSH_AT_ENTRIES && !meter.flushing) {
    void flushUsage();
    return;
  }
  if (!meter.timer) {
    meter.timer = setTimeout(() => {
      meter.timer = undefined;
      void flushUsage();
    }, FLUSH_INTERVAL_MS);
    meter.timer.unref();
  }
}

/** Writes the buffer out now (one pipeline); resolves when written or dropped. Never throws. */
export async function flushUsage(): Promise<void> {
  const meter = state();
  if (meter.flushing) await meter.flushing;
  if (meter.buffer.size === 0) return;
  const batch = [...meter.buffer.values()];
  meter.buffer = new Map();
  const calls = batch.reduce((sum, entry) => sum + entry.calls, 0);
  meter.flushing = (async () => {
    try {
      await (await usageStore()).write(batch);
      meter.counters.flushed += calls;
    } catch (error) {
      meter.counters.dropped += calls;
      warnDropped(meter, "flush failed", error);
    }
  })();
  try {
    await meter.flushing;
  } finally {
    meter.flushing = undefined;
  }
}
