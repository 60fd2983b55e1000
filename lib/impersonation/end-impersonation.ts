import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { platformDb } from "@/lib/db/shared-client";
import { AppError } from "@/lib/errors/app-error";
import { toImpersonationViews, type ImpersonationView } from "./impersonation-view";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Ends one of a tenant's impersonations (the console's End, the banner's End now): its session is refused
 * from the next request on. Another tenant's id is a 404; ending an ended one changes nothing.
 */
export async function endImpersonation(tenantId: string, impersonationId: string, actorUserId: string, via: "console" | "banner"): Promise<ImpersonationView> {
  const found = UUID.test(impersonationId) ? await platformDb().impersonationSession.findFirst({ where: { id: impersonationId, subjectTenantId: tenantId } }) : null;
  if (!found) throw new AppError({ code: "not_found", message: "No such impersonation" });
  const ended = await platformDb().impersonationSession.updateManyAndReturn({ where: { id: found.id, endedAt: null }, data: { endedAt: new Date() } });
  if (ended[0]) {
    await recordAuditEvent({
      tenantId,
      actorUserId,
      action: "impersonation.ended",
      target: found.userId,
      metadata: { impersonationId: found.id, userId: found.userId, adminUserId: found.adminUserId, via, expired: found.expiresAt <= ended[0].endedAt! },
    });
  }
  const [view] = await toImpersonationViews(tenantId, [ended[0] ?? found]);
  return view!;
}

/** A session presented after its end time: recorded as ended at expiry (once), so the console and the audit trail show it. */
export async function expireImpersonation(impersonationId: string): Promise<void> {
  const expired = await platformDb().impersonationSession.updateManyAndReturn({ where: { id: impersonationId, endedAt: null, expiresAt: { lte: new Date() } }, data: { endedAt: new Date() } });
  const row = expired[0];
  if (!row) return;
  await recordAuditEvent({
    tenantId: row.subjectTenantId,
    actorUserId: null,
    action: "impersonation.expired",
    target: row.userId,
    metadata: { impersonationId: row.id, userId: row.userId, adminUserId: row.adminUserId, expiresAt: row.expiresAt.toISOString() },
  });
}
