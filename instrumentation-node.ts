import { authSecret, env } from "@/lib/env/env";

/**
 * Next only logs an error thrown from register() and keeps serving, so a server with invalid
 * configuration exits here instead of failing on every request.
 */
export function validateEnvOrExit(): void {
  try {
    env();
    authSecret();
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
