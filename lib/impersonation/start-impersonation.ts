import { randomBytes } from "node:crypto";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { hashPasswordToken } from "@/lib/auth/password-token";
import { isRole } from "@/lib/auth/permissions";
import { platformDb, sharedDbFor } from "@/lib/db/shared-client";
import { AppError } from "@/lib/errors/app-error";
import { tenantBaseUrl } from "@/lib/tenancy/tenant-urls";
import { findAdminTenant } from "./find-admin-tenant";
import { IMPERSONATION_HANDOFF_TTL_MS, type ImpersonationInput } from "./impersonation-input";
import { toImpersonationViews, type ImpersonationView } from "./impersonation-view";

export interface StartedImpersonation {
  impersonation: ImpersonationView;
  /** One-time link (60 s) to the tenant's host that signs the admin's browser in as the user. */
  url: string;
}

export const IMPERSONATION_PATH = "/api/auth/impersonation";

/** A platform admin starts impersonating one of the tenant's active users: read-only unless `write`, for `minutes` (≤ 30). */
export async function startImpersonation(slug: string, input: ImpersonationInput, admin: { userId: string; email: string }): Promise<StartedImpersonation> {
  const tenant = await findAdminTenant(slug);
  if (tenant.status !== "active") throw new AppError({ code: "conflict", message: `Tenant "${slug}" is ${tenant.status}; reactivate it before impersonating its users` });
  const user = await sharedDbFor(tenant.id).user.findFirst({ where: { id: input.userId, tenantId: tenant.id } });
  if (!user || user.status !== "active" || !isRole(user.role)) {
    throw new AppError({ code: "validation_failed", message: `userId: not an active user of ${tenant.name}`, fieldErrors: { userId: [`Not an active user of ${tenant.name}`] } });
  }
  const token = randomBytes(32).toString("base64url");
  const now = Date.now();
  const row = await platformDb().impersonationSession.create({
    data: {
      subjectTenantId: tenant.id,
      userId: user.id,
      adminUserId: admin.userId,
      write: input.write,
      reason: input.reason,
      handoffTokenHash: hashPasswordToken(token),
      handoffExpiresAt: new Date(now + IMPERSONATION_HANDOFF_TTL_MS),
      createdAt: new Date(now),
      expiresAt: new Date(now + input.minutes * 60_000),
    },
  });
  await recordAuditEvent({
    tenantId: tenant.id,
    actorUserId: admin.userId,
    action: "impersonation.started",
    target: user.email,
    metadata: { impersonationId: row.id, userId: user.id, userEmail: user.email, adminEmail: admin.email, write: row.write, reason: row.reason, expiresAt: row.expiresAt.toISOString() },
  });
  const [impersonation] = await toImpersonationViews(tenant.id, [row]);
  return { impersonation: impersonation!, url: `${tenantBaseUrl(tenant.slug)}${IMPERSONATION_PATH}?token=${encodeURIComponent(token)}` };
}
