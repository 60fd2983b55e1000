/** Checks the configuration once at boot, in the Node.js runtime only. */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { announceRedisMode, checkStorageOrExit, stampRequestPeers, startJobScheduler, validateEnvOrExit } = await import("./instrumentation-node");
  validateEnvOrExit();
  stampRequestPeers();
  await announceRedisMode();
  await checkStorageOrExit();
  await startJobScheduler();
}
