import { PrismaPg } from "@prisma/adapter-pg";
import { LRUCache } from "lru-cache";
import type pg from "pg";
import { PrismaClient } from "@/lib/db/generated/tenant/client";
import { currentContext, type TenantRef } from "@/lib/tenancy/context";
import { appPool } from "./pools";
import { quoteIdent, tenantSchemaName } from "./schema-name";
import { routedPool, type PoolRoute } from "./tenant-scoped-pool";
import { runUnbatched } from "./unbatched-unique-lookups";

export class TenantContextViolation extends Error {
  constructor(expectedTenantId: string | null, actualTenantId: string | null) {
    super(
      expectedTenantId === null
        ? "Tenant database used outside any tenant context"
        : actualTenantId
          ? `Tenant client for ${expectedTenantId} used inside tenant ${actualTenantId}'s context`
          : `Tenant client for ${expectedTenantId} used outside any tenant context`,
    );
    this.name = "TenantContextViolation";
  }
}

function assertInTenantContext(tenantId: string): void {
  const actual = currentContext()?.tenant?.id ?? null;
  if (actual !== tenantId) throw new TenantContextViolation(tenantId, actual);
}

/**
 * The schema the one tenant client is generated against. Never a tenant's (those are tenant_<32 hex>),
 * and every statement naming it is rewritten to the request's tenant schema before it reaches Postgres.
 */
export const PLACEHOLDER_SCHEMA = "tenant_schema_of_the_request";
const PLACEHOLDER = quoteIdent(PLACEHOLDER_SCHEMA);

/** The request context's tenant schema for every statement; refused outside a tenant context. */
export function tenantRoute(): PoolRoute {
  const tenantId = currentContext()?.tenant?.id;
  if (!tenantId) throw new TenantContextViolation(null, null);
  const schema = quoteIdent(tenantSchemaName(tenantId));
  return {
    // Raw statements name no schema: search_path pins them, app.tenant_id scopes any shared row they read.
    begin: `BEGIN; SELECT set_config('app.tenant_id', '${tenantId.toLowerCase()}', true), set_config('search_path', '${schema}', true)`,
    rewrite(text) {
      const pinned = text.replaceAll(`${PLACEHOLDER}.`, `${schema}.`);
      if (pinned.includes(PLACEHOLDER_SCHEMA)) throw new Error(`Statement names the placeholder schema other than as a qualifier: ${text.slice(0, 200)}`);
      return pinned;
    },
    // A model statement qualifies every table with the (rewritten) schema: pinned without a transaction.
    standalone: (text) => text.includes(`${PLACEHOLDER}.`),
  };
}

const SHARED_KEY = Symbol.for("asset-anchor.tenant-db");
type GlobalWithClient = typeof globalThis & {
  [SHARED_KEY]?: { base?: ReturnType<typeof createBase>; views: LRUCache<string, TenantClient>; sqlPool?: pg.Pool };
};
const globalWithClient = globalThis as GlobalWithClient;

/** One Prisma client for every tenant schema of this process: memory and warm-up do not grow with tenants. */
function createBase() {
  return new PrismaClient({ adapter: new PrismaPg(routedPool(appPool(), tenantRoute), { schema: PLACEHOLDER_SCHEMA }) }).$extends({
    name: "unbatched-unique-lookups",
    query: { $allOperations: (params) => runUnbatched(params) },
  });
}

/** Typed as the plain client: neither extension changes what an operation takes or returns. */
export type TenantClient = PrismaClient;

/**
 * `TENANT_DB_CLIENTS=per-tenant`: the former layout, one Prisma client per tenant schema (LRU), kept only
 * so `npm run bench:http -- --compare-per-tenant-clients` can measure both side by side. Never in production.
 */
export function perTenantClients(): boolean {
  return process.env.TENANT_DB_CLIENTS === "per-tenant";
}

function perTenantBase(tenantId: string) {
  return new PrismaClient({ adapter: new PrismaPg(appPool(), { schema: tenantSchemaName(tenantId) }) });
}

function guardedView(tenantId: string): TenantClient {
  const state = clientState();
  const base = perTenantClients() ? perTenantBase(tenantId) : (state.base ??= createBase());
  // Fails closed: every model operation and raw query first checks the request's tenant.
  return base.$extends({
    name: "tenant-context-guard",
    query: {
      $allOperations({ args, query }) {
        assertInTenantContext(tenantId);
        return query(args);
      },
    },
  }) as unknown as TenantClient;
}

function clientState() {
  return (globalWithClient[SHARED_KEY] ??= { views: newViewCache() });
}

function newViewCache(): LRUCache<string, TenantClient> {
  // Views are ~6 kB and ~35 µs to build (no engine, no pool of their own): 2,000 of them are ~12 MB, 20,000 would be
  // ~120 MB, so past 2,000 active tenants a miss rebuilds one rather than the cache holding them all (docs/deployment.md).
  if (perTenantClients()) return new LRUCache<string, TenantClient>({ max: Number(process.env.TENANT_CLIENT_CACHE_SIZE ?? 500), dispose: (client) => void client.$disconnect() });
  return new LRUCache<string, TenantClient>({ max: Number(process.env.TENANT_CLIENT_CACHE_SIZE ?? 2_000) });
}

/**
 * The tenant database of the request: a view of the one shared client that is usable only inside that
 * tenant's request context (runWithContext / runAsTenant) and whose statements all run in its schema.
 */
export function forTenant(tenant: Pick<TenantRef, "id">): TenantClient {
  assertInTenantContext(tenant.id);
  const state = clientState();
  let client = state.views.get(tenant.id);
  if (!client) state.views.set(tenant.id, (client = guardedView(tenant.id)));
  return client;
}

/** The schema to qualify every table with in tenantSql's statements; rewritten to the request's tenant schema. */
export const TENANT_SCHEMA = PLACEHOLDER;

/**
 * Raw SQL on the request's tenant schema, for the few hottest reads, where Prisma's own work per query
 * costs more than the statement (docs/benchmarks.md): the same pool view and rewrite as the one client's
 * statements, so a table qualified with TENANT_SCHEMA runs in the context's tenant schema and nowhere
 * else, and it is refused (TenantContextViolation) outside that tenant's request context, as forTenant is.
 */
export async function tenantSql<Row extends pg.QueryResultRow>(tenant: Pick<TenantRef, "id">, text: string, values: unknown[]): Promise<Row[]> {
  assertInTenantContext(tenant.id);
  const state = clientState();
  const { rows } = await (state.sqlPool ??= routedPool(appPool(), tenantRoute)).query<Row>({ text, values });
  return rows;
}

/** Prisma clients (engines) behind the tenant databases of this process: 0 or 1, whatever the tenant count. */
export function cachedTenantClientCount(): number {
  if (perTenantClients()) return globalWithClient[SHARED_KEY]?.views.size ?? 0;
  return globalWithClient[SHARED_KEY]?.base ? 1 : 0;
}

export async function disconnectTenantClients(): Promise<void> {
  const state = globalWithClient[SHARED_KEY];
  if (!state) return;
  const base = state.base;
  state.base = undefined;
  state.sqlPool = undefined;
  state.views.clear();
  await base?.$disconnect();
}
