import { publishTenantChange } from "@/lib/tenants/publish-tenant-change";

/**
 * After a committed change to a tenant's plan or overrides: the one tenant-change message (the plan is
 * also part of host resolution's TenantRef), so every process drops that tenant's profile, host entries
 * and branding, and nothing of other tenants.
 */
export async function publishTenantProfileChange(tenantId: string): Promise<void> {
  await publishTenantChange(tenantId);
}
