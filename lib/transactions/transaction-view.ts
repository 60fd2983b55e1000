import type { Transaction } from "@/lib/db/generated/tenant/client";
import { AppError } from "@/lib/errors/app-error";
import type { TransactionView } from "./transaction-schema";
import { isUuid } from "@/lib/db/uuid";

export function toTransactionView(row: Transaction): TransactionView {
  return {
    id: row.id,
    propertyId: row.propertyId,
    kind: row.kind,
    amount: row.amount.toFixed(2),
    status: row.status,
    occurredAt: row.occurredAt.toISOString(),
    completedAt: row.completedAt?.toISOString() ?? null,
    note: row.note,
  };
}

export function transactionNotFound(): AppError {
  return new AppError({ code: "not_found", message: "Transaction not found" });
}

export function assertTransactionId(id: string): void {
  if (!isUuid(id)) throw transactionNotFound();
}
