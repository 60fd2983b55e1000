import pino, { type DestinationStream } from "pino";
import { currentContext } from "@/lib/tenancy/context";

const FLUSH_INTERVAL_MS = 1_000;

/**
 * Inside the Next server, lines are buffered (4 KiB) and written asynchronously, flushed at least every
 * second and at exit: a synchronous write per request cost the request path more than its route handler.
 * Elsewhere (CLI, tests, scripts) stdout stays synchronous, so output keeps its order.
 */
function serverDestination(): DestinationStream | undefined {
  if (!process.env.NEXT_RUNTIME) return undefined;
  const destination = pino.destination({ dest: 1, sync: false, minLength: 4096 });
  setInterval(() => destination.flush(), FLUSH_INTERVAL_MS).unref();
  process.once("exit", () => {
    try {
      destination.flushSync();
    } catch {
      // a write still in flight: nothing more can be done at exit
    }
  });
  return destination;
}

/**
 * Every line carries the tenant and request it was written for (`unknown` outside a request),
 * so the logs of a process shared by many tenants can be sliced per tenant.
 */
export function createLogger(destination?: DestinationStream, level = process.env.LOG_LEVEL ?? "info") {
  const options: pino.LoggerOptions = {
    level,
    base: { service: "asset-anchor" },
    mixin() {
      const context = currentContext();
      return {
        tenantId: context?.tenant?.id ?? "unknown",
        requestId: context?.requestId ?? "unknown",
      };
    },
    redact: { paths: ["password", "*.password", "token", "*.token", "setPasswordUrl"], censor: "[redacted]" },
  };
  return destination ? pino(options, destination) : pino(options);
}

export const logger = createLogger(serverDestination());

export type Logger = typeof logger;
