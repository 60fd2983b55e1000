import pg from "pg";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A view of the app pool for one tenant, handed to Prisma's pg adapter (which wants a pg.Pool): every
 * statement Prisma sends runs in a transaction that first sets app.tenant_id (transaction-local, so
 * pooler-safe). A lone query becomes `BEGIN; SELECT set_config(…)` (one round trip), the query, `COMMIT`;
 * Prisma's own transactions get the setting with their BEGIN. Connections are the shared pool's.
 */
export function tenantScopedPool(inner: pg.Pool, tenantId: string): pg.Pool {
  if (!UUID.test(tenantId)) throw new Error(`Not a tenant id: ${JSON.stringify(tenantId)}`);
  // A literal, not a parameter, so BEGIN and the setting share one simple-protocol round trip; checked above.
  return poolBeginningWith(inner, `BEGIN; SELECT set_config('app.tenant_id', '${tenantId.toLowerCase()}', true)`);
}

/** How the statements of one checkout or lone query are scoped: read per call (lib/db/routed-clients.ts). */
export interface PoolRoute {
  /** Trusted SQL without parameters that opens every transaction (BEGIN and its settings). */
  begin: string;
  /** The statement as sent to Postgres; throws to refuse it. */
  rewrite(text: string): string;
  /** Whether a lone statement may run without the transaction (it is pinned by its text alone). */
  standalone(text: string): boolean;
}

/** The pool view behind tenantScopedPool: `begin` (trusted SQL, no parameters) opens every transaction. */
export function poolBeginningWith(inner: pg.Pool, begin: string): pg.Pool {
  const route: PoolRoute = { begin, rewrite: (text) => text, standalone: () => false };
  return routedPool(inner, () => route);
}

/**
 * A pool view whose route is resolved for every lone query and every checkout (then kept for that
 * connection's transaction), so one Prisma client can serve many tenants. `resolve` throws to refuse.
 */
export function routedPool(inner: pg.Pool, resolve: () => PoolRoute): pg.Pool {
  async function query(config: pg.QueryConfig): Promise<pg.QueryResult> {
    const route = resolve();
    const scoped = { ...config, text: route.rewrite(config.text) };
    if (route.standalone(config.text)) return inner.query(scoped);
    const client = await inner.connect();
    let broken: Error | undefined;
    try {
      await client.query(route.begin);
      const result = await client.query(scoped);
      await client.query("COMMIT");
      return result;
    } catch (error) {
      // A connection that cannot even roll back is not given back to the pool.
      await client.query("ROLLBACK").catch((rollbackError: Error) => (broken = rollbackError));
      throw error;
    } finally {
      client.release(broken);
    }
  }

  async function connect(): Promise<pg.PoolClient> {
    const route = resolve();
    const client = await inner.connect();
    // Prisma opens its transactions with a plain BEGIN on the connection it checked out.
    return new Proxy(client, {
      get(target, property) {
        if (property === "query") {
          return (config: string | pg.QueryConfig, ...rest: unknown[]) => {
            const text = typeof config === "string" ? config : config.text;
            if (text.trim().toUpperCase() === "BEGIN") return target.query(route.begin);
            const scoped = typeof config === "string" ? route.rewrite(config) : { ...config, text: route.rewrite(config.text) };
            return (target.query as (...args: unknown[]) => unknown).call(target, scoped, ...rest);
          };
        }
        const value: unknown = Reflect.get(target, property, target);
        return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
    });
  }

  // Never connects itself: only its options are read, and its methods go to the shared pool, which
  // closePools() ends.
  const view = new pg.Pool({ max: 1 });
  return Object.assign(view, {
    query,
    connect,
    on: () => view,
    removeListener: () => view,
    end: async () => undefined,
  }) as unknown as pg.Pool;
}
