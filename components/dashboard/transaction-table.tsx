"use client";

import { DataTable, type DataColumn } from "@/components/data-table/data-table";
import { TransitionButtons, type TransitionAction } from "@/components/dashboard/transaction-controls";
import { useTenant } from "@/components/tenant/tenant-provider";
import { formatDate } from "@/lib/format/format-date";
import { formatMoney } from "@/lib/format/format-money";
import type { TransactionView } from "@/lib/transactions/transaction-schema";

type TransactionRow = Pick<TransactionView, "id" | "propertyId" | "kind" | "amount" | "status" | "occurredAt">;

/** Transactions with their property's name; pending ones get complete/cancel buttons when `transition` is given. */
export function TransactionTable({
  transactions,
  propertyNames,
  transition,
  empty = "No transactions match.",
}: {
  transactions: TransactionRow[];
  propertyNames: Record<string, string>;
  transition?: TransitionAction;
  empty?: string;
}) {
  const tenant = useTenant();
  const columns: Array<DataColumn<TransactionRow>> = [
    { id: "property", header: "Property", meta: { rowHeader: true }, cell: ({ row }) => propertyNames[row.original.propertyId] ?? "—" },
    { id: "kind", header: "Kind", cell: ({ row }) => row.original.kind },
    { id: "amount", header: "Amount", meta: { className: "whitespace-nowrap text-right tabular-nums" }, cell: ({ row }) => formatMoney(row.original.amount, tenant.currency) },
    { id: "date", header: "Date", meta: { className: "whitespace-nowrap" }, cell: ({ row }) => formatDate(row.original.occurredAt, tenant) },
    {
      id: "status",
      header: "Status",
      cell: ({ row }) => (
        <>
          <span data-testid="transaction-status">{row.original.status}</span>
          {transition && row.original.status === "pending" ? <TransitionButtons id={row.original.id} action={transition} /> : null}
        </>
      ),
    },
  ];
  return <DataTable columns={columns} data={transactions} caption="Transactions" getRowId={(transaction) => transaction.id} rowTestId="transaction-row" empty={empty} />;
}
