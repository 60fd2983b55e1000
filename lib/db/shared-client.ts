import { PrismaPg } from "@prisma/adapter-pg";
import { LRUCache } from "lru-cache";
import { PrismaClient } from "@/lib/db/generated/shared/client";
import { appPool, ownerPool, platformPool } from "./pools";
import { assertTenantScopeAllowed, contextTenantId } from "./tenant-scope";
import { tenantScopedPool } from "./tenant-scoped-pool";

export type SharedClient = PrismaClient;

interface SharedClients {
  app?: PrismaClient;
  platform?: PrismaClient;
  owner?: PrismaClient;
  bound: LRUCache<string, SharedClient>;
  /** Set by operator processes (CLI, seeders, test fixtures) that hold the owner credentials. */
  ownerOutsideTenantScope: boolean;
}

const CLIENTS_KEY = Symbol.for("asset-anchor.shared-clients");
type GlobalWithClients = typeof globalThis & { [CLIENTS_KEY]?: SharedClients };
const globalWithClients = globalThis as GlobalWithClients;
const clients = (globalWithClients[CLIENTS_KEY] ??= { bound: new LRUCache<string, SharedClient>({ max: Number(process.env.TENANT_CLIENT_CACHE_SIZE ?? 500), dispose: (client) => void client.$disconnect() }), ownerOutsideTenantScope: false });

function appClient(): PrismaClient {
  return (clients.app ??= new PrismaClient({ adapter: new PrismaPg(appPool(), { schema: "public" }) }));
}

/**
 * The app role's client for one tenant: each statement runs in a transaction that first sets
 * app.tenant_id (lib/db/tenant-scoped-pool.ts), so row-level security shows and accepts only that
 * tenant's rows. One client per tenant (LRU), so Prisma never batches two tenants' queries into one.
 */
function boundClient(tenantId: string): SharedClient {
  let client = clients.bound.get(tenantId);
  if (!client) clients.bound.set(tenantId, (client = new PrismaClient({ adapter: new PrismaPg(tenantScopedPool(appPool(), tenantId), { schema: "public" }) })));
  return client;
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
  const open = [clients.app, clients.platform, clients.owner];
  clients.app = clients.platform = clients.owner = undefined;
  clients.bound.clear();
  await Promise.all(open.map((client) => client?.$disconnect()));
}
