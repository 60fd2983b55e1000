import type { Instrumentation } from "next";
import { recordDatabaseError } from "@/lib/db/database-availability";

/** Checks the configuration once at boot, in the Node.js runtime only. */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { announceRedisMode, checkStorageOrExit, openFrontDoor, stampRequestPeers, startJobScheduler, validateEnvOrExit } = await import("./instrumentation-node");
  validateEnvOrExit();
  stampRequestPeers();
  openFrontDoor();
  await announceRedisMode();
  await checkStorageOrExit();
  await startJobScheduler();
}

/**
 * A page's own query that found the database unreachable could only answer 500 (the App Router has no 503);
 * recording it makes the proxy answer the next page requests 503 until a probe gets through (lib/db/database-availability.ts).
 */
export const onRequestError: Instrumentation.onRequestError = (error) => {
  recordDatabaseError(error);
};
