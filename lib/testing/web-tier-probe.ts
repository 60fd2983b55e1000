// Run by lib/env/web-tier-env.test.ts in its own process, with the web tier's environment (no DATABASE_URL):
// what a request-serving process can and cannot do. Prints one JSON document.
export {};

const [host, email, password] = process.argv.slice(2);

async function outcome<T>(fn: () => Promise<T>): Promise<{ ok: T } | { error: string }> {
  try {
    return { ok: await fn() };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

const { env } = await import("@/lib/env/env");
const config = await outcome(async () => Boolean(env()));
const report: Record<string, unknown> = { config };
if ("ok" in config) {
  const { resolveHost } = await import("@/lib/tenancy/resolve-host");
  const { authenticateWithPassword } = await import("@/lib/auth/authenticate");
  const { ownerPool, closePools } = await import("@/lib/db/pools");
  const { sharedDb, disconnectSharedDb } = await import("@/lib/db/shared-client");
  const { stopTenantCacheListener } = await import("@/lib/tenancy/tenant-cache");
  report.resolved = await outcome(async () => {
    const resolved = await resolveHost(host);
    return resolved.surface === "tenant" ? resolved.tenant.id : resolved.surface;
  });
  const tenantId = "ok" in (report.resolved as object) ? ((report.resolved as { ok: string }).ok) : null;
  report.signedIn = await outcome(async () => (await authenticateWithPassword({ tenantId, email: email!, password: password!, ip: "192.0.2.7", userAgent: null })).id);
  report.unscopedUsers = await outcome(() => sharedDb().user.count());
  report.owner = await outcome(async () => (await ownerPool().query("SELECT 1")).rowCount);
  await stopTenantCacheListener();
  await disconnectSharedDb();
  await closePools();
}
// Redis (the sign-in limiter) and the invalidation subscriptions keep handles open: the report is all this process is for.
process.stdout.write(JSON.stringify(report), () => process.exit(0));
