import { currentContext } from "@/lib/tenancy/context";

/** The tenant a bound client was asked for, used inside another tenant's request context. */
export class TenantScopeViolation extends Error {
  constructor(requestedTenantId: string, contextTenantId: string) {
    super(`Shared rows of tenant ${requestedTenantId} requested inside tenant ${contextTenantId}'s context`);
    this.name = "TenantScopeViolation";
  }
}

/**
 * The tenant whose shared rows the app role may see in the next transaction: the request context's
 * tenant, or none (then row-level security shows no tenant's rows).
 */
export function contextTenantId(): string | null {
  return currentContext()?.tenant?.id ?? null;
}

/**
 * For code that names its tenant explicitly (a signed session's tenant, the host's tenant before the
 * context is entered, a service given the tenant id). Inside another tenant's context it is refused.
 */
export function assertTenantScopeAllowed(tenantId: string): void {
  const active = contextTenantId();
  if (active !== null && active !== tenantId) throw new TenantScopeViolation(tenantId, active);
}

/** The statement that scopes the current transaction to a tenant ('' = none); local, so pooler-safe. */
export const SET_TENANT_SQL = "SELECT set_config('app.tenant_id', $1, true)";
