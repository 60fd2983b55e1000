import { sharedDbFor } from "@/lib/db/shared-client";
import type { TenantRequestContext } from "@/lib/tenancy/context";
import type { MemberView } from "./member-schema";

export async function listMembers(context: Pick<TenantRequestContext, "tenant">): Promise<MemberView[]> {
  const rows = await sharedDbFor(context.tenant.id).user.findMany({ where: { tenantId: context.tenant.id, role: { not: "customer" } }, orderBy: [{ createdAt: "asc" }] });
  return rows.map((row) => ({ id: row.id, email: row.email, name: row.name, role: row.role, status: row.status, createdAt: row.createdAt.toISOString() }));
}
