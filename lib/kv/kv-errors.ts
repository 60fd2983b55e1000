/** Marks a KvUnavailableError whichever copy of this module made it (see hasInstance below). */
const KV_UNAVAILABLE = Symbol.for("asset-anchor.kv-unavailable");

/** Redis could not be reached in time: callers degrade (fail open, drop, fall back) instead of waiting. */
export class KvUnavailableError extends Error {
  readonly reason: "timeout" | "unreachable" | "server";
  readonly [KV_UNAVAILABLE] = true;

  constructor(reason: KvUnavailableError["reason"], message: string, cause?: unknown) {
    super(message, { cause });
    this.name = "KvUnavailableError";
    this.reason = reason;
  }

  /**
   * The production build bundles this module into several chunks (proxy, route handlers, pages), while the
   * process's one Kv client comes from whichever loaded first: a plain `instanceof` against another chunk's
   * class is false, and the caller's fallback turned into a 500. The brand is shared by every copy.
   */
  static [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === "object" && value !== null && (value as { [KV_UNAVAILABLE]?: unknown })[KV_UNAVAILABLE] === true;
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
