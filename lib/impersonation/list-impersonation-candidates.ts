import { sharedDbFor } from "@/lib/db/shared-client";

export interface ImpersonationCandidateView {
  id: string;
  email: string;
  name: string | null;
  role: string;
}

/** The tenant's active users an admin may impersonate (staff and customers), by email; the first 500. */
export async function listImpersonationCandidates(tenantId: string): Promise<ImpersonationCandidateView[]> {
  return sharedDbFor(tenantId).user.findMany({ where: { tenantId, status: "active" }, select: { id: true, email: true, name: true, role: true }, orderBy: [{ email: "asc" }, { id: "asc" }], take: 500 });
}
