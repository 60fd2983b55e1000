import { platformDb } from "@/lib/db/shared-client";
import { findAdminTenant } from "./find-admin-tenant";
import { toImpersonationViews, type ImpersonationView } from "./impersonation-view";

/** The tenant's impersonations not yet ended nor expired, newest first. */
export async function listActiveImpersonations(slug: string): Promise<ImpersonationView[]> {
  const tenant = await findAdminTenant(slug);
  const rows = await platformDb().impersonationSession.findMany({
    where: { subjectTenantId: tenant.id, endedAt: null, expiresAt: { gt: new Date() } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 100,
  });
  return toImpersonationViews(tenant.id, rows);
}
