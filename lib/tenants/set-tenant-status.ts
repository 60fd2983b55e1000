import type { TenantDetails } from "./find-tenant";
import { reactivateTenant, suspendTenant } from "./suspend-tenant";

/** Suspends (without a reason: the CLI's `tenants suspend`) or reactivates a tenant; routing follows at once. */
export async function setTenantStatus(slug: string, status: "active" | "suspended", actorUserId: string | null = null): Promise<TenantDetails> {
  if (status === "active") return reactivateTenant(slug, { actorUserId });
  const { suspension: _suspension, ...tenant } = await suspendTenant(slug, { reason: null, actorUserId });
  return tenant;
}
