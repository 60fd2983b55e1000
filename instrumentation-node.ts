import { authSecret, env } from "@/lib/env/env";
import { installPeerStamp, parseTrustedProxies } from "@/lib/http/client-ip";

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
