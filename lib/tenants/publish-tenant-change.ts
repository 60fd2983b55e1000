import { announceTenantChange, dropTenantLocally } from "@/lib/tenancy/tenant-change-bus";

/**
 * After a committed change to a tenant (routing, plan, flags, branding): this process drops that
 * tenant's cached host entries, branding and profile at once, every other process when the message
 * arrives (Redis pub/sub when configured, else Postgres NOTIFY). Other tenants' entries stay.
 */
export async function publishTenantChange(tenantId: string): Promise<void> {
  dropTenantLocally(tenantId);
  await announceTenantChange(tenantId);
}
