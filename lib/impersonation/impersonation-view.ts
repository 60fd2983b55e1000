import type { ImpersonationSession } from "@/lib/db/generated/shared/client";
import { platformDb, sharedDbFor } from "@/lib/db/shared-client";

export interface ImpersonationView {
  id: string;
  tenantId: string;
  userId: string;
  userEmail: string | null;
  userRole: string | null;
  adminUserId: string;
  adminEmail: string | null;
  write: boolean;
  reason: string;
  createdAt: string;
  expiresAt: string;
  redeemedAt: string | null;
  endedAt: string | null;
}

/** Rows of one tenant with the emails of its users (the tenant's scope) and of the admins (platform role). */
export async function toImpersonationViews(tenantId: string, rows: ImpersonationSession[]): Promise<ImpersonationView[]> {
  const userIds = [...new Set(rows.map((row) => row.userId))];
  const adminIds = [...new Set(rows.map((row) => row.adminUserId))];
  const [users, admins] = await Promise.all([
    userIds.length ? sharedDbFor(tenantId).user.findMany({ where: { id: { in: userIds }, tenantId }, select: { id: true, email: true, role: true } }) : [],
    adminIds.length ? platformDb().user.findMany({ where: { id: { in: adminIds }, tenantId: null }, select: { id: true, email: true } }) : [],
  ]);
  const userById = new Map(users.map((user) => [user.id, user]));
  const adminEmail = new Map(admins.map((admin) => [admin.id, admin.email]));
  return rows.map((row) => ({
    id: row.id,
    tenantId: row.subjectTenantId,
    userId: row.userId,
    userEmail: userById.get(row.userId)?.email ?? null,
    userRole: userById.get(row.userId)?.role ?? null,
    adminUserId: row.adminUserId,
    adminEmail: adminEmail.get(row.adminUserId) ?? null,
    write: row.write,
    reason: row.reason,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    redeemedAt: row.redeemedAt?.toISOString() ?? null,
    endedAt: row.endedAt?.toISOString() ?? null,
  }));
}
