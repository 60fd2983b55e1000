import type { Prisma } from "@/lib/db/generated/shared/client";
import { sharedDbFor } from "@/lib/db/shared-client";

export interface AuditEvent {
  tenantId: string | null;
  action: string;
  actorUserId?: string | null;
  target?: string | null;
  ip?: string | null;
  userAgent?: string | null;
  metadata?: Prisma.InputJsonObject;
}

export async function recordAuditEvent(event: AuditEvent): Promise<void> {
  await sharedDbFor(event.tenantId).auditLog.create({
    data: {
      tenantId: event.tenantId,
      action: event.action,
      actorUserId: event.actorUserId ?? null,
      target: event.target ?? null,
      ip: event.ip ?? null,
      userAgent: event.userAgent ?? null,
      metadata: event.metadata ?? {},
    },
  });
}
