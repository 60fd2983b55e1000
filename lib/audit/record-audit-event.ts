import type pg from "pg";
import type { Prisma } from "@/lib/db/generated/shared/client";
import { sharedDbFor } from "@/lib/db/shared-client";
import type { AuditAction } from "./audit-events";
import { currentContext } from "@/lib/tenancy/context";

export interface AuditEvent {
  tenantId: string | null;
  action: AuditAction;
  actorUserId?: string | null;
  target?: string | null;
  ip?: string | null;
  userAgent?: string | null;
  metadata?: Prisma.InputJsonObject;
}

/**
 * The one way to write an audit row. With `client`, the row is written on that connection, inside the
 * caller's open transaction (it commits or rolls back with the change it records); without, on the
 * tenant-scoped shared client. Inside an impersonated request (lib/impersonation) its metadata names the
 * admin (`impersonatedBy`).
 */
export async function recordAuditEvent(event: AuditEvent, client?: pg.ClientBase): Promise<void> {
  const context = currentContext();
  const impersonatedBy = context?.impersonatedBy;
  const metadata = impersonatedBy && event.tenantId === context?.tenant?.id ? { impersonatedBy: { ...impersonatedBy }, ...event.metadata } : event.metadata;
  if (client) {
    await client.query("INSERT INTO public.audit_logs (tenant_id, actor_user_id, action, target, ip, user_agent, metadata) VALUES ($1, $2, $3, $4, $5, $6, $7)", [
      event.tenantId,
      event.actorUserId ?? null,
      event.action,
      event.target ?? null,
      event.ip ?? null,
      event.userAgent ?? null,
      metadata ?? {},
    ]);
    return;
  }
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
