import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { platformDb } from "@/lib/db/shared-client";
import { AppError } from "@/lib/errors/app-error";
import { publishTenantChange } from "@/lib/tenants/publish-tenant-change";
import type { MaintenanceInput } from "./maintenance-input";

export interface MaintenanceState {
  slug: string;
  tenantId: string;
  active: boolean;
  message: string | null;
  /** ISO; the announced end, null when open-ended or off. */
  until: string | null;
  startedAt: string | null;
}

const maintenanceSelect = { id: true, slug: true, maintenanceStartedAt: true, maintenanceMessage: true, maintenanceUntil: true } as const;
type MaintenanceRow = { id: string; slug: string; maintenanceStartedAt: Date | null; maintenanceMessage: string | null; maintenanceUntil: Date | null };

function toState(row: MaintenanceRow): MaintenanceState {
  return {
    slug: row.slug,
    tenantId: row.id,
    active: row.maintenanceStartedAt !== null,
    message: row.maintenanceMessage,
    until: row.maintenanceUntil?.toISOString() ?? null,
    startedAt: row.maintenanceStartedAt?.toISOString() ?? null,
  };
}

// The platform role (web tier and CLI alike) reads every tenant's routing row and may change only the
// maintenance columns (lib/db/grants.ts).
async function servableTenant(slug: string): Promise<MaintenanceRow> {
  const row = await platformDb().tenant.findFirst({ where: { slug, status: { in: ["active", "suspended"] } }, select: maintenanceSelect });
  if (!row) throw new AppError({ code: "not_found", message: `No tenant "${slug}"` });
  return row;
}

export async function readMaintenance(slug: string): Promise<MaintenanceState> {
  return toState(await servableTenant(slug));
}

/**
 * Puts a tenant in maintenance (or updates the message and announced end of one already in it): its
 * pages show the maintenance page and its API answers 503 in every process at once (cache invalidated).
 */
export async function startMaintenance(slug: string, input: MaintenanceInput, actorUserId: string | null): Promise<MaintenanceState> {
  const tenant = await servableTenant(slug);
  const row = await platformDb().tenant.update({
    where: { id: tenant.id },
    data: { maintenanceStartedAt: tenant.maintenanceStartedAt ?? new Date(), maintenanceMessage: input.message || null, maintenanceUntil: input.until ? new Date(input.until) : null },
    select: maintenanceSelect,
  });
  await publishTenantChange(tenant.id);
  await recordAuditEvent({
    tenantId: tenant.id,
    actorUserId,
    action: tenant.maintenanceStartedAt ? "tenant.maintenance_updated" : "tenant.maintenance_started",
    target: slug,
    metadata: { message: row.maintenanceMessage, until: row.maintenanceUntil?.toISOString() ?? null },
  });
  return toState(row);
}

/** Ends maintenance; a tenant not in maintenance is left as it is (idempotent). */
export async function endMaintenance(slug: string, actorUserId: string | null): Promise<MaintenanceState> {
  const tenant = await servableTenant(slug);
  if (!tenant.maintenanceStartedAt) return toState(tenant);
  const row = await platformDb().tenant.update({
    where: { id: tenant.id },
    data: { maintenanceStartedAt: null, maintenanceMessage: null, maintenanceUntil: null },
    select: maintenanceSelect,
  });
  await publishTenantChange(tenant.id);
  await recordAuditEvent({ tenantId: tenant.id, actorUserId, action: "tenant.maintenance_ended", target: slug, metadata: { startedAt: tenant.maintenanceStartedAt.toISOString() } });
  return toState(row);
}
