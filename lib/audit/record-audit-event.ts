import type { Prisma } from "@/lib/db/generated/shared/client";
import { sharedDbFor } from "@/lib/db/shared-client";
import { currentContext } from "@/lib/tenancy/context";

export interface AuditEvent {
  tenantId: string | null;
  action: string;
  actorUserId?: string | null;
  target?: string | null;
  ip?: string | null;
  userAgent?: string | null;
  metadata?: Prisma.InputJsonObject;
}

/** Writes one audit row; inside an impersonated request (lib/impersonation) its metadata names the admin (`impersonatedBy`). */
export async function recordAuditEvent(event: AuditEvent): Promise<void> {
  const context = currentContext();
  const impersonatedBy = context?.impersonatedBy;
  const metadata = impersonatedBy && event.tenantId === context?.tenant?.id ? { impersonatedBy: { ...impersonatedBy }, ...event.metadata } : event.metadata;
  await sharedDbFor(event.tenantId).auditLog.create({
    data: {
      tenantId: event.tenantId,
      action: event.action,
      actorUserId: event.actorUserId ?? null,
      target: event.target ?? null,
      ip: event.ip ?? null,
      userAgent: event.userAgent ?? null,
      metadata: metadata ?? {},
    },
  });
}
