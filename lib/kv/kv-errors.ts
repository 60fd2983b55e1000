/** Redis could not be reached in time: callers degrade (fail open, drop, fall back) instead of waiting. */
export class KvUnavailableError extends Error {
  readonly reason: "timeout" | "unreachable" | "server";

  constructor(reason: KvUnavailableError["reason"], message: string, cause?: unknown) {
    super(message, { cause });
    this.name = "KvUnavailableError";
    this.reason = reason;
  }
}

export interface KvCounters {
  /** Requests that reached Redis and got an answer (including Redis errors such as WRONGTYPE). */
  ok: number;
  timeout: number;
  unreachable: number;
  server: number;
}

export function emptyCounters(): KvCounters {
  return { ok: 0, timeout: 0, unreachable: 0, server: 0 };
}
