import { KvUnavailableError } from "@/lib/kv/kv-errors";

/** Socket-level failures: the server is not there (stopped, restarting, unreachable). */
const NETWORK_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "EHOSTUNREACH", "ENETUNREACH", "ENOTFOUND", "EAI_AGAIN"]);
/** SQLSTATE classes 08 (connection exception) and 57P01–57P03 (admin shutdown, crash shutdown, cannot connect now). */
const UNAVAILABLE_SQLSTATE = /^(08...|57P0[1-3])$/;
/** Prisma: can't reach the server, timed out reaching it, server closed the connection, no pool connection in time. */
const PRISMA_CODES = new Set(["P1001", "P1002", "P1017", "P2024"]);
/** Prisma's driver adapter (`meta.driverAdapterError.cause.kind`). */
const ADAPTER_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections"]);
const CONNECTION_MESSAGES = /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|the database system is (starting up|shutting down)|terminating connection due to administrator command/i;

/**
 * Whether an error means a dependency (Postgres, or Redis where a caller had no fallback) is unreachable rather than that the request was wrong:
 * such requests answer 503 `unavailable` at once. Looks through `cause` chains (Prisma's driver
 * adapter wraps the pg error).
 */
export function isDependencyUnavailable(error: unknown): boolean {
  if (error instanceof KvUnavailableError) return true;
  for (let current: unknown = error, depth = 0; current && typeof current === "object" && depth < 6; depth += 1) {
    const candidate = current as {
      code?: unknown;
      originalCode?: unknown;
      kind?: unknown;
      message?: unknown;
      cause?: unknown;
      errors?: unknown;
      meta?: { driverAdapterError?: { cause?: { kind?: unknown } } };
    };
    for (const code of [candidate.code, candidate.originalCode]) {
      if (typeof code === "string" && (NETWORK_CODES.has(code) || PRISMA_CODES.has(code) || UNAVAILABLE_SQLSTATE.test(code))) return true;
    }
    for (const kind of [candidate.kind, candidate.meta?.driverAdapterError?.cause?.kind]) {
      if (typeof kind === "string" && ADAPTER_KINDS.has(kind)) return true;
    }
    if (typeof candidate.message === "string" && CONNECTION_MESSAGES.test(candidate.message)) return true;
    // AggregateError (a connect to every address of a host failed).
    if (Array.isArray(candidate.errors) && candidate.errors.some((inner) => isDependencyUnavailable(inner))) return true;
    current = candidate.cause;
  }
  return false;
}
