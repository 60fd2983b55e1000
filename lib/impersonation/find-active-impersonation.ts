import { platformDb } from "@/lib/db/shared-client";
import { expireImpersonation } from "./end-impersonation";

/** What a request knows about the impersonation its session belongs to (Identity.impersonation). */
export interface ActiveImpersonation {
  id: string;
  adminUserId: string;
  adminEmail: string;
  adminName: string | null;
  write: boolean;
  /** ISO */
  expiresAt: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The impersonation a session cookie names, if it is still on: redeemed, not ended, not past expires_at,
 * for this tenant and user, by a platform admin who is still active. Null otherwise — the session is then
 * no identity at all. One presented after its expiry is recorded as expired.
 */
export async function findActiveImpersonation(impersonationId: string, tenantId: string | null, userId: string): Promise<ActiveImpersonation | null> {
  if (tenantId === null || !UUID.test(impersonationId)) return null;
  const row = await platformDb().impersonationSession.findFirst({ where: { id: impersonationId, subjectTenantId: tenantId, userId, endedAt: null, redeemedAt: { not: null } } });
  if (!row) return null;
  if (row.expiresAt.getTime() <= Date.now()) {
    await expireImpersonation(row.id);
    return null;
  }
  const admin = await platformDb().user.findUnique({ where: { id: row.adminUserId } });
  if (!admin || admin.status !== "active" || admin.role !== "platform_admin" || admin.tenantId !== null) return null;
  return { id: row.id, adminUserId: admin.id, adminEmail: admin.email, adminName: admin.name, write: row.write, expiresAt: row.expiresAt.toISOString() };
}
