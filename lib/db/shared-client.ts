import { AsyncLocalStorage } from "node:async_hooks";
import { PrismaPg } from "@prisma/adapter-pg";
import { LRUCache } from "lru-cache";
import { PrismaClient } from "@/lib/db/generated/shared/client";
import { perTenantClients } from "./tenant-client";
import { isUuid } from "./uuid";
import { appPool, ownerPool, platformPool } from "./pools";
import { assertTenantScopeAllowed, contextTenantId } from "./tenant-scope";
import { routedPool, tenantScopedPool, type PoolRoute } from "./tenant-scoped-pool";
import { runUnbatched } from "./unbatched-unique-lookups";

export type SharedClient = PrismaClient;

interface SharedClients {
  app?: PrismaClient;
  /** The one client of every tenant's shared rows; the tenant is read per statement (tenantScopeRoute). */
  routed?: SharedClient;
  platform?: PrismaClient;
  owner?: PrismaClient;
  bound: LRUCache<string, SharedClient>;
  /** Set by operator processes (CLI, seeders, test fixtures) that hold the owner credentials. */
  ownerOutsideTenantScope: boolean;
}

const CLIENTS_KEY = Symbol.for("asset-anchor.shared-clients");
type GlobalWithClients = typeof globalThis & { [CLIENTS_KEY]?: SharedClients };
const globalWithClients = globalThis as GlobalWithClients;
// Views are ~7 kB and ~45 µs to build (no engine of their own): as for the tenant views (tenant-client.ts), 2,000 of
// them and a rebuild on a miss rather than ~140 MB for 20,000.
const clients = (globalWithClients[CLIENTS_KEY] ??= {
  bound: perTenantClients()
    ? new LRUCache<string, SharedClient>({ max: Number(process.env.TENANT_CLIENT_CACHE_SIZE ?? 500), dispose: (client) => void client.$disconnect() })
    : new LRUCache<string, SharedClient>({ max: Number(process.env.TENANT_CLIENT_CACHE_SIZE ?? 2_000) }),
  ownerOutsideTenantScope: false,
});

/** The tenant a view of sharedDbFor named, for the statements of one operation or transaction. */
const BOUND_KEY = Symbol.for("asset-anchor.shared-bound-tenant");
type GlobalWithBound = typeof globalThis & { [BOUND_KEY]?: AsyncLocalStorage<string> };
const boundTenant = ((globalThis as GlobalWithBound)[BOUND_KEY] ??= new AsyncLocalStorage<string>());

/** Thrown when the routed client runs a statement with no tenant to scope it to (never reaches Postgres). */
export class SharedTenantScopeMissing extends Error {
  constructor() {
    super("Tenant-scoped shared client used with no tenant (neither bound nor in a request context)");
    this.name = "SharedTenantScopeMissing";
  }
}

function tenantScopeRoute(): PoolRoute {
  const tenantId = boundTenant.getStore() ?? contextTenantId();
  if (tenantId === null || !isUuid(tenantId)) throw new SharedTenantScopeMissing();
  // A literal, not a parameter, so BEGIN and the setting share one simple-protocol round trip; checked above.
  return { begin: `BEGIN; SELECT set_config('app.tenant_id', '${tenantId.toLowerCase()}', true)`, rewrite: (text) => text, standalone: () => false };
}

function routedClient(): SharedClient {
  // Typed as the plain client: the extension only keeps same-tick lookups of different tenants apart.
  return (clients.routed ??= new PrismaClient({ adapter: new PrismaPg(routedPool(appPool(), tenantScopeRoute), { schema: "public" }) }).$extends({
    name: "unbatched-unique-lookups",
    query: { $allOperations: (params) => runUnbatched(params) },
  }) as unknown as SharedClient);
}

function inBoundTenant<T>(tenantId: string, run: () => PromiseLike<T>): Promise<T> {
  // Prisma's promises are lazy: started (then) inside the scope, so its statements read this tenant.
  return boundTenant.run(tenantId, () => Promise.resolve(run().then((value) => value)));
}

function appClient(): PrismaClient {
  return (clients.app ??= new PrismaClient({ adapter: new PrismaPg(appPool(), { schema: "public" }) }));
}

/**
 * The app role's shared rows of one tenant: each statement runs in a transaction that first sets
 * app.tenant_id (lib/db/tenant-scoped-pool.ts), so row-level security shows and accepts only that
 * tenant's rows. A view of the one routed client that binds every operation and transaction to the
 * tenant when it is called, as a client of its own would (Prisma's promises run when awaited).
 */
function boundClient(tenantId: string): SharedClient {
  if (!isUuid(tenantId)) throw new Error(`Not a tenant id: ${JSON.stringify(tenantId)}`);
  let client = clients.bound.get(tenantId);
  if (!client) clients.bound.set(tenantId, (client = perTenantClients() ? perTenantClient(tenantId) : bindTo(routedClient(), tenantId)));
  return client;
}

/** The former layout (TENANT_DB_CLIENTS=per-tenant, bench comparison only): a client of its own per tenant. */
function perTenantClient(tenantId: string): SharedClient {
  return new PrismaClient({ adapter: new PrismaPg(tenantScopedPool(appPool(), tenantId), { schema: "public" }) });
}

function bindTo(routed: SharedClient, tenantId: string): SharedClient {
  const view = routed.$extends({
    name: "bound-tenant",
    query: { $allOperations: ({ args, query }) => inBoundTenant(tenantId, () => query(args)) },
  }) as unknown as SharedClient;
  // $transaction is no operation of the chain above: its BEGIN must see the tenant too.
  const transaction = view.$transaction.bind(view) as (...args: unknown[]) => PromiseLike<unknown>;
  return new Proxy(view, {
    get(target, property, receiver) {
      if (property === "$transaction") return (...args: unknown[]) => inBoundTenant(tenantId, () => transaction(...args));
      return Reflect.get(target, property, receiver) as unknown;
    },
  });
}

/**
 * Shared `public` rows on the app role, scoped to the request context's tenant (lib/tenancy/context.ts).
 * Outside a tenant context it sees no tenant's rows (fail closed) — except in an operator process
 * (enableOwnerOutsideTenantScope), where unscoped access is the owner's.
 */
export function sharedDb(): SharedClient {
  const tenantId = contextTenantId();
  if (tenantId !== null) return boundClient(tenantId);
  return clients.ownerOutsideTenantScope ? ownerClient() : appClient();
}

/**
 * Shared rows of a tenant named explicitly (a signed session's tenant, the host's tenant before its
 * context is entered, a service given the tenant). Refused inside another tenant's context.
 * `null` means the platform's own rows (platform admins): the platform role.
 */
export function sharedDbFor(tenantId: string | null): SharedClient {
  if (tenantId === null) return platformDb();
  assertTenantScopeAllowed(tenantId);
  return boundClient(tenantId);
}

/**
 * The platform role (PLATFORM_DB_ROLE): host → tenant routing, the TLS check, custom-domain uniqueness,
 * the admin console's tenant list, platform admins (tenant_id NULL). No tenant's users, tokens or settings.
 */
export function platformDb(): SharedClient {
  return (clients.platform ??= new PrismaClient({ adapter: new PrismaPg(platformPool(), { schema: "public" }) }));
}

function ownerClient(): PrismaClient {
  return (clients.owner ??= new PrismaClient({ adapter: new PrismaPg(ownerPool(), { schema: "public" }) }));
}

/**
 * For processes that act as the operator and hold DATABASE_URL (CLI, seeders, test fixtures): sharedDb()
 * outside any tenant context uses the owner role instead of failing closed. Never called by the web tier.
 */
export function enableOwnerOutsideTenantScope(enabled = true): void {
  clients.ownerOutsideTenantScope = enabled;
}

export async function disconnectSharedDb(): Promise<void> {
  const open = [clients.app, clients.routed, clients.platform, clients.owner];
  clients.app = clients.routed = clients.platform = clients.owner = undefined;
  clients.bound.clear();
  await Promise.all(open.map((client) => client?.$disconnect()));
}
