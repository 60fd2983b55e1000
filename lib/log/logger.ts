import pino, { type DestinationStream } from "pino";
import { currentContext } from "@/lib/tenancy/context";

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

export const logger = createLogger();

export type Logger = typeof logger;
