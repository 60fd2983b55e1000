import { AppError } from "@/lib/errors/app-error";
import type { TenantMaintenance, TenantRef } from "@/lib/tenancy/context";

/** Retry-After when no end is announced, or the announced end has passed. */
export const DEFAULT_MAINTENANCE_RETRY_AFTER_SECONDS = 300;

/** Seconds until the announced end (at least 1), or the default when none is announced or it has passed. */
export function maintenanceRetryAfterSeconds(maintenance: TenantMaintenance, now = Date.now()): number {
  const until = maintenance.until ? Date.parse(maintenance.until) : Number.NaN;
  if (Number.isNaN(until) || until <= now) return DEFAULT_MAINTENANCE_RETRY_AFTER_SECONDS;
  return Math.max(1, Math.ceil((until - now) / 1000));
}

export function maintenanceMessage(tenant: Pick<TenantRef, "name">, maintenance: TenantMaintenance): string {
  return maintenance.message || `${tenant.name} is down for maintenance`;
}

/** The API's answer while a tenant is in maintenance: 503 `{ error: "maintenance", message }` with Retry-After. */
export function maintenanceError(tenant: Pick<TenantRef, "name">, maintenance: TenantMaintenance, now = Date.now()): AppError {
  return new AppError({
    code: "maintenance",
    message: maintenanceMessage(tenant, maintenance),
    headers: { "Retry-After": String(maintenanceRetryAfterSeconds(maintenance, now)) },
  });
}
