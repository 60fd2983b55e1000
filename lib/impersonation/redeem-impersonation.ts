import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { hashPasswordToken } from "@/lib/auth/password-token";
import { isRole } from "@/lib/auth/permissions";
import { encodeSessionToken, sessionSetCookie } from "@/lib/auth/session-cookie";
import { platformDb, sharedDbFor } from "@/lib/db/shared-client";
import { AppError } from "@/lib/errors/app-error";
import type { RequestFacts } from "@/lib/http/tenant-request";
import type { TenantRequestContext } from "@/lib/tenancy/context";

export const INVALID_IMPERSONATION_LINK = "This impersonation link is invalid, expired or already used. Start a new one from the admin console.";

/**
 * Spends an impersonation's one-time link on the tenant's own host: the browser gets a session of the
 * user that names the impersonation (claim `imp`) and lasts no longer than it. Another tenant's host,
 * a second use or a link older than 60 s is refused (400, audited as a security event).
 */
export async function redeemImpersonation(context: TenantRequestContext, token: string, facts: RequestFacts): Promise<{ cookie: string; location: string }> {
  const now = new Date();
  const spent = await platformDb().impersonationSession.updateManyAndReturn({
    where: { handoffTokenHash: hashPasswordToken(token), redeemedAt: null, handoffExpiresAt: { gt: now }, subjectTenantId: context.tenant.id, endedAt: null, expiresAt: { gt: now } },
    data: { redeemedAt: now },
  });
  const row = spent[0];
  const user = row ? await sharedDbFor(context.tenant.id).user.findUnique({ where: { id: row.userId } }) : null;
  if (!row || !user || user.status !== "active" || user.tenantId !== context.tenant.id || !isRole(user.role)) {
    await recordAuditEvent({ tenantId: context.tenant.id, action: "security.impersonation_link_rejected", target: facts.host, ip: facts.ip, userAgent: facts.userAgent });
    throw new AppError({ code: "bad_request", message: INVALID_IMPERSONATION_LINK });
  }
  const maxAgeSeconds = Math.max(1, Math.floor((row.expiresAt.getTime() - now.getTime()) / 1000));
  const session = await encodeSessionToken({ uid: user.id, tid: user.tenantId, role: user.role, sv: user.sessionVersion, email: user.email, imp: row.id }, maxAgeSeconds);
  await recordAuditEvent({
    tenantId: context.tenant.id,
    actorUserId: user.id,
    action: "impersonation.redeemed",
    target: facts.host,
    ip: facts.ip,
    userAgent: facts.userAgent,
    metadata: { impersonationId: row.id, impersonatedBy: { adminUserId: row.adminUserId, impersonationId: row.id }, write: row.write },
  });
  return { cookie: sessionSetCookie(session, undefined, maxAgeSeconds), location: user.role === "customer" ? "/" : "/dashboard" };
}
