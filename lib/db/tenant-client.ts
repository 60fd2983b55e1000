import { PrismaPg } from "@prisma/adapter-pg";
import { LRUCache } from "lru-cache";
import { PrismaClient } from "@/lib/db/generated/tenant/client";
import { currentContext, type TenantRef } from "@/lib/tenancy/context";
import { appPool } from "./pools";
import { tenantSchemaName } from "./schema-name";

export class TenantContextViolation extends Error {
  constructor(expectedTenantId: string, actualTenantId: string | null) {
    super(
      actualTenantId
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

function pinnedClient(tenantId: string) {
  const base = new PrismaClient({
    adapter: new PrismaPg(appPool(), { schema: tenantSchemaName(tenantId) }),
  });
  // Fails closed: every model operation and raw query first checks the request's tenant.
  return base.$extends({
    name: "tenant-context-guard",
    query: {
      $allOperations({ args, query }) {
        assertInTenantContext(tenantId);
        return query(args);
      },
    },
  });
}

export type TenantClient = ReturnType<typeof pinnedClient>;

const CACHE_KEY = Symbol.for("asset-anchor.tenant-clients");
type GlobalWithCache = typeof globalThis & { [CACHE_KEY]?: LRUCache<string, TenantClient> };
const globalWithCache = globalThis as GlobalWithCache;
const clients = (globalWithCache[CACHE_KEY] ??= new LRUCache<string, TenantClient>({
  max: Number(process.env.TENANT_CLIENT_CACHE_SIZE ?? 500),
  dispose: (client) => void client.$disconnect(),
}));

/**
 * The Prisma client of one tenant's schema, cached (LRU) and sharing the app pool.
 * Usable only inside that tenant's request context (runWithContext / runAsTenant).
 */
export function forTenant(tenant: Pick<TenantRef, "id">): TenantClient {
  assertInTenantContext(tenant.id);
  let client = clients.get(tenant.id);
  if (!client) clients.set(tenant.id, (client = pinnedClient(tenant.id)));
  return client;
}

export function cachedTenantClientCount(): number {
  return clients.size;
}

export async function disconnectTenantClients(): Promise<void> {
  clients.clear();
}
