import pino from "pino";
import { currentContext } from "@/lib/tenancy/context";

/**
 * Every line carries the tenant and request it was written for (`unknown` outside a request),
 * so logs of a shared process can be sliced per tenant.
 */
export const logger = pino({
  level: process.env.LOG_LEVEL ?? "info",
  base: { service: "asset-anchor" },
  mixin() {
    const context = currentContext();
    return {
      tenantId: context?.tenant?.id ?? "unknown",
      requestId: context?.requestId ?? "unknown",
    };
  },
  redact: { paths: ["password", "*.password", "token", "*.token", "setPasswordUrl"], censor: "[redacted]" },
});

export type Logger = typeof logger;
