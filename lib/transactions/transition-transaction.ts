import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Identity } from "@/lib/auth/identity";
import { forTenant } from "@/lib/db/tenant-client";
import { AppError } from "@/lib/errors/app-error";
import type { TenantRequestContext } from "@/lib/tenancy/context";
import type { TransactionView } from "./transaction-schema";
import { assertTransactionId, toTransactionView, transactionNotFound } from "./transaction-view";

/**
 * pending → completed | cancelled, and no other move. One conditional UPDATE, so two clicks racing
 * cannot both win; a finished transaction answers 409, an unknown (or another tenant's) id 404.
 */
export async function transitionTransaction(context: Pick<TenantRequestContext, "tenant">, actor: Pick<Identity, "userId"> | null, id: string, to: "completed" | "cancelled"): Promise<TransactionView> {
  assertTransactionId(id);
  const db = forTenant(context.tenant);
  const [row] = await db.transaction.updateManyAndReturn({
    where: { id, status: "pending" },
    data: { status: to, completedAt: to === "completed" ? new Date() : null },
  });
  if (row) {
    const property = await db.property.findUnique({ where: { id: row.propertyId }, select: { name: true } });
    await recordAuditEvent({
      tenantId: context.tenant.id,
      actorUserId: actor?.userId ?? null,
      action: to === "completed" ? "transaction.completed" : "transaction.cancelled",
      target: row.id,
      metadata: { propertyId: row.propertyId, name: property?.name ?? null, kind: row.kind, amount: row.amount.toFixed(2) },
    });
    return toTransactionView(row);
  }
  const existing = await db.transaction.findUnique({ where: { id }, select: { id: true } });
  if (!existing) throw transactionNotFound();
  throw new AppError({ code: "conflict", message: "Only pending transactions can be completed or cancelled" });
}
