import { sharedDb } from "@/lib/db/shared-client";
import { invalidateTenantCache, TENANT_CHANGED_CHANNEL } from "@/lib/tenancy/tenant-cache";

/** After a committed change to a tenant's routing (status, domain, slug): every process drops its cache. */
export async function publishTenantChange(tenantId: string): Promise<void> {
  invalidateTenantCache();
  await sharedDb().$executeRaw`SELECT pg_notify(${TENANT_CHANGED_CHANNEL}, ${tenantId})`;
}
