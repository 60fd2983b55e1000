import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { sharedDb } from "@/lib/db/shared-client";
import { AppError } from "@/lib/errors/app-error";
import { findTenantBySlug, type TenantDetails } from "./find-tenant";
import { publishTenantChange } from "./publish-tenant-change";

const ALLOWED_FROM: Record<"active" | "suspended", string[]> = {
  suspended: ["active", "suspended"],
  active: ["suspended", "active"],
};

/** Suspends or reactivates a tenant; routing follows at once (cache invalidated in every process). */
export async function setTenantStatus(slug: string, status: "active" | "suspended", actorUserId: string | null = null): Promise<TenantDetails> {
  const tenant = await findTenantBySlug(slug);
  if (!ALLOWED_FROM[status].includes(tenant.status)) {
    throw new AppError({ code: "conflict", message: `Tenant "${slug}" is ${tenant.status} and cannot be made ${status}` });
  }
  if (tenant.status === status) return tenant;
  await sharedDb().tenant.update({ where: { id: tenant.id }, data: { status } });
  await publishTenantChange(tenant.id);
  await recordAuditEvent({
    tenantId: tenant.id,
    actorUserId,
    action: status === "suspended" ? "tenant.suspended" : "tenant.activated",
    target: slug,
  });
  return findTenantBySlug(slug);
}
