import { platformDb } from "@/lib/db/shared-client";

export interface PlatformAdminRow {
  id: string;
  email: string;
  /** active (signs in), invited (has not chosen a password yet) or disabled (removed). */
  status: string;
  createdAt: string;
}

/** Every platform admin, active and invited first, then removed ones (kept: the audit trail names them). */
export async function listPlatformAdmins(): Promise<PlatformAdminRow[]> {
  const users = await platformDb().user.findMany({
    where: { tenantId: null, role: "platform_admin" },
    select: { id: true, email: true, status: true, createdAt: true },
    orderBy: [{ email: "asc" }],
  });
  const rank = (status: string) => (status === "disabled" ? 1 : 0);
  return users
    .map((user) => ({ id: user.id, email: user.email, status: user.status, createdAt: user.createdAt.toISOString() }))
    .sort((a, b) => rank(a.status) - rank(b.status));
}
