import { forTenant } from "@/lib/db/tenant-client";
import type { TenantRequestContext } from "@/lib/tenancy/context";
import type { TransactionView } from "./transaction-schema";
import { assertTransactionId, toTransactionView, transactionNotFound } from "./transaction-view";

export async function getTransaction(context: Pick<TenantRequestContext, "tenant">, id: string): Promise<TransactionView> {
  assertTransactionId(id);
  const row = await forTenant(context.tenant).transaction.findUnique({ where: { id } });
  if (!row) throw transactionNotFound();
  return toTransactionView(row);
}
