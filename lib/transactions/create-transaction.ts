import { Prisma } from "@/lib/db/generated/tenant/client";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Identity } from "@/lib/auth/identity";
import { forTenant } from "@/lib/db/tenant-client";
import { AppError } from "@/lib/errors/app-error";
import { propertyNotFound } from "@/lib/properties/get-property";
import type { TenantRequestContext } from "@/lib/tenancy/context";
import { transactionInputSchema, type TransactionInput, type TransactionView } from "./transaction-schema";
import { toTransactionView } from "./transaction-view";

/** Records a pending transaction on one of this tenant's properties (another tenant's property id is a 404). */
export async function createTransaction(context: Pick<TenantRequestContext, "tenant">, actor: Pick<Identity, "userId"> | null, rawInput: TransactionInput): Promise<TransactionView> {
  const parsed = transactionInputSchema.safeParse(rawInput);
  if (!parsed.success) throw AppError.fromZod(parsed.error, "Cannot record transaction");
  const { propertyId, kind, amount, occurredAt, note } = parsed.data;
  const db = forTenant(context.tenant);
  const property = await db.property.findUnique({ where: { id: propertyId }, select: { id: true, name: true } });
  if (!property) throw propertyNotFound();
  let view: TransactionView;
  try {
    view = toTransactionView(await db.transaction.create({ data: { propertyId, kind, amount, note: note ?? null, ...(occurredAt ? { occurredAt } : {}) } }));
  } catch (error) {
    // The property was deleted between the check above and the insert.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2003") throw propertyNotFound();
    throw error;
  }
  await recordAuditEvent({
    tenantId: context.tenant.id,
    actorUserId: actor?.userId ?? null,
    action: "transaction.created",
    target: view.id,
    metadata: { propertyId, name: property.name, kind: view.kind, amount: view.amount },
  });
  return view;
}
