import { TENANT_STATUSES, type TenantMaintenance, type TenantRef, type TenantStatus } from "@/lib/tenancy/context";

interface TenantRow {
  id: string;
  slug: string;
  name: string;
  status: string;
  planId: string;
  customDomain: string | null;
  customDomainVerified: boolean;
  /** Rows read without the maintenance columns (callers that only need a scope) count as not in maintenance. */
  maintenanceStartedAt?: Date | null;
  maintenanceMessage?: string | null;
  maintenanceUntil?: Date | null;
}

function toMaintenance(row: TenantRow): TenantMaintenance | null {
  if (!row.maintenanceStartedAt) return null;
  return { message: row.maintenanceMessage ?? null, until: row.maintenanceUntil?.toISOString() ?? null };
}

function toStatus(status: string): TenantStatus {
  if ((TENANT_STATUSES as readonly string[]).includes(status)) return status as TenantStatus;
  throw new Error(`Unknown tenant status ${status}`);
}

export function toTenantRef(row: TenantRow): TenantRef {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    status: toStatus(row.status),
    planId: row.planId,
    customDomain: row.customDomain,
    customDomainVerified: row.customDomainVerified,
    maintenance: toMaintenance(row),
  };
}

export const tenantRefSelect = {
  id: true,
  slug: true,
  name: true,
  status: true,
  planId: true,
  customDomain: true,
  customDomainVerified: true,
  maintenanceStartedAt: true,
  maintenanceMessage: true,
  maintenanceUntil: true,
} as const;
