import { PrismaPg } from "@prisma/adapter-pg";
import { LRUCache } from "lru-cache";
import { PrismaClient } from "@/lib/db/generated/shared/client";
import { appPool, ownerPool, platformPool } from "./pools";
import { assertTenantScopeAllowed, contextTenantId } from "./tenant-scope";

export type SharedClient = PrismaClient;

interface SharedClients {
  app?: PrismaClient;
  contextScoped?: SharedClient;
  platform?: PrismaClient;
  owner?: PrismaClient;
  bound: LRUCache<string, SharedClient>;
  /** Set by operator processes (CLI, seeders, test fixtures) that hold the owner credentials. */
  ownerOutsideTenantScope: boolean;
}

const CLIENTS_KEY = Symbol.for("asset-anchor.shared-clients");
type GlobalWithClients = typeof globalThis & { [CLIENTS_KEY]?: SharedClients };
const globalWithClients = globalThis as GlobalWithClients;
const clients = (globalWithClients[CLIENTS_KEY] ??= { bound: new LRUCache<string, SharedClient>({ max: 1_000 }), ownerOutsideTenantScope: false });

function appClient(): PrismaClient {
  return (clients.app ??= new PrismaClient({ adapter: new PrismaPg(appPool(), { schema: "public" }) }));
}

/**
 * The app role's client where every operation runs in its own transaction that first sets
 * app.tenant_id (transaction-local: pooler-safe) to `tenantId()`. Row-level security then shows and
 * accepts only that tenant's rows; with no tenant the query runs unscoped and sees none of them.
 */
function scopedClient(tenantId: () => string | null): SharedClient {
  const base = appClient();
  return base.$extends({
    name: "tenant-row-scope",
    query: {
      async $allOperations({ args, query }) {
        const scope = tenantId();
        if (scope === null) return query(args);
        const [, result] = await base.$transaction([base.$executeRaw`SELECT set_config('app.tenant_id', ${scope}, true)`, query(args)]);
        return result;
      },
    },
  }) as unknown as SharedClient;
}

/**
 * Shared `public` rows on the app role, scoped to the request context's tenant (lib/tenancy/context.ts).
 * Outside a tenant context it sees no tenant's rows (fail closed) — except in an operator process
 * (enableOwnerOutsideTenantScope), where unscoped access is the owner's.
 */
export function sharedDb(): SharedClient {
  if (clients.ownerOutsideTenantScope && contextTenantId() === null) return ownerClient();
  return (clients.contextScoped ??= scopedClient(contextTenantId));
}

/**
 * Shared rows of a tenant named explicitly (a signed session's tenant, the host's tenant before its
 * context is entered, a service given the tenant). Refused inside another tenant's context.
 * `null` means the platform's own rows (platform admins): the platform role.
 */
export function sharedDbFor(tenantId: string | null): SharedClient {
  if (tenantId === null) return platformDb();
  assertTenantScopeAllowed(tenantId);
  let client = clients.bound.get(tenantId);
  if (!client) clients.bound.set(tenantId, (client = scopedClient(() => tenantId)));
  return client;
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
  clients.app = clients.contextScoped = clients.platform = clients.owner = undefined;
  clients.bound.clear();
  await Promise.all(open.map((client) => client?.$disconnect()));
}
