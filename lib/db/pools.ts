import pg from "pg";
import { env, ownerDatabaseUrl } from "@/lib/env/env";
import { recordDatabaseError } from "./database-availability";
import { assertTenantScopeAllowed, contextTenantId, SET_TENANT_SQL } from "./tenant-scope";

/** Connections are closed and replaced after this long, whatever they did (see docs/deployment.md). */
export const POOL_MAX_LIFETIME_SECONDS = 300;
/** … or after this many checkouts, whichever comes first. */
export const POOL_MAX_USES = 5_000;

type PoolKind = "app" | "platform" | "owner";
const POOLS_KEY = Symbol.for("asset-anchor.pg-pools");
type GlobalWithPools = typeof globalThis & { [POOLS_KEY]?: Map<PoolKind, pg.Pool> };
const globalWithPools = globalThis as GlobalWithPools;
const pools = (globalWithPools[POOLS_KEY] ??= new Map<PoolKind, pg.Pool>());

function createPool(kind: PoolKind): pg.Pool {
  const config = env();
  const pool = new pg.Pool({
    connectionString: kind === "app" ? config.APP_DATABASE_URL : kind === "platform" ? config.PLATFORM_DATABASE_URL : ownerDatabaseUrl(),
    max: config.DB_POOL_MAX,
    application_name: `asset-anchor-${kind}`,
    // A backend's catalog cache grows with every tenant schema it touches and is never released
    // (issue 14: 9 MB → 26–47 MB after 1,000 schemas). Recycling bounds Postgres memory per connection.
    maxLifetimeSeconds: POOL_MAX_LIFETIME_SECONDS,
    maxUses: POOL_MAX_USES,
  });
  // Every cached tenant client attaches a listener to the one shared pool.
  pool.setMaxListeners(0);
  // An idle client died (server restart): pg replaces it on the next checkout; pages answer 503 until a probe gets through.
  pool.on("error", recordDatabaseError);
  // A checked-out client has no listener of the pool's: a server shutdown arriving between two of its
  // queries would be an uncaught exception. Its next query fails instead ("Client has encountered a
  // connection error", classified as unavailable) and the pool discards it on release.
  pool.on("connect", (client) => {
    client.on("error", recordDatabaseError);
  });
  return pool;
}

/** The least-privilege pool every request uses (role APP_DB_ROLE, no DDL). */
export function appPool(): pg.Pool {
  let pool = pools.get("app");
  if (!pool) pools.set("app", (pool = createPool("app")));
  return pool;
}

/** The platform role's pool (PLATFORM_DB_ROLE): host routing and platform admins, no tenant's rows, no DDL. */
export function platformPool(): pg.Pool {
  let pool = pools.get("platform");
  if (!pool) pools.set("platform", (pool = createPool("platform")));
  return pool;
}

/** The owner pool: migrations, provisioning and schema drops only. Fails clearly in the web tier (no DATABASE_URL). */
export function ownerPool(): pg.Pool {
  let pool = pools.get("owner");
  if (!pool) pools.set("owner", (pool = createPool("owner")));
  return pool;
}

export async function closePools(): Promise<void> {
  const open = [...pools.values()];
  pools.clear();
  await Promise.all(open.map((pool) => pool.end()));
}

/**
 * Runs fn in one transaction on a client of the given pool, scoped (app.tenant_id, row-level security)
 * to `tenantId`, by default the request context's tenant; none outside a context.
 */
export async function inTransaction<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>, tenantId: string | null = contextTenantId()): Promise<T> {
  if (tenantId !== null) assertTenantScopeAllowed(tenantId);
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    if (tenantId !== null) await client.query(SET_TENANT_SQL, [tenantId]);
    const result = await fn(client);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
