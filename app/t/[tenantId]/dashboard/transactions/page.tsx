import type { Metadata } from "next";
import { RecordTransactionForm } from "@/components/dashboard/transaction-controls";
import { TransactionTable } from "@/components/dashboard/transaction-table";
import { requireStaff } from "@/lib/auth/page-identity";
import { can } from "@/lib/auth/permissions";
import { getBranding } from "@/lib/branding/get-branding";
import { formatMoney } from "@/lib/format/format-money";
import { findPropertiesPage } from "@/lib/properties/list-properties";
import { listPropertyNames } from "@/lib/properties/list-property-names";
import { runWithContext } from "@/lib/tenancy/context";
import { listTransactions } from "@/lib/transactions/list-transactions";
import { summariseTransactionsThisMonth } from "@/lib/transactions/summarise-transactions";
import { TRANSACTION_KINDS, TRANSACTION_STATUSES, transactionListQuerySchema } from "@/lib/transactions/transaction-schema";
import { PageLinks } from "@/components/data-table/page-links";
import { FormAlert } from "@/components/forms/form-alert";
import { listHref, readUrlFilters } from "@/lib/http/read-url-filters";
import { recordTransactionAction, transitionTransactionAction } from "./actions";

export const metadata: Metadata = { title: "Transactions" };

const FILTER_NAMES = ["status", "kind", "from", "to"] as const;
const PAGE_SIZE = 50;
const day = (value: Date | undefined) => value?.toISOString().slice(0, 10) ?? "";

export default async function TransactionsPage({ params, searchParams }: PageProps<"/t/[tenantId]/dashboard/transactions">) {
  const { context, identity } = await requireStaff((await params).tenantId, "transaction:read");
  const { query, ignored } = readUrlFilters(transactionListQuerySchema, [...FILTER_NAMES, "cursor"], await searchParams, { limit: PAGE_SIZE });
  const [page, properties, summary, branding] = await runWithContext(context, () =>
    Promise.all([
      listTransactions(context, query),
      findPropertiesPage(context, { limit: 100, sort: "name_asc" }),
      summariseTransactionsThisMonth(context),
      getBranding(context.tenant),
    ]),
  );
  const propertyNames = await runWithContext(context, () => listPropertyNames(context, page.data.map((transaction) => transaction.propertyId)));
  return (
    <main className="mx-auto max-w-5xl space-y-6 px-4 py-8 sm:px-6">
      <div>
        <h1 className="text-2xl font-bold tracking-tight text-slate-900">Transactions</h1>
        <p className="mt-1 text-sm text-slate-600" data-testid="month-summary">
          This month: {summary.count} transaction{summary.count === 1 ? "" : "s"}, {formatMoney(summary.total, branding.currency)}
        </p>
      </div>
      {can(identity.role, "transaction:create") ? (
        <RecordTransactionForm
          properties={properties.data.map(({ id, name }) => ({ id, name }))}
          action={recordTransactionAction}
          searchable
        />
      ) : null}
      <form className="flex flex-wrap items-end gap-3 text-sm" aria-label="Filter transactions">
        <label>
          <span className="block font-medium text-slate-700">Status</span>
          <select name="status" defaultValue={query.status ?? ""} className="mt-1 rounded-md border border-slate-300 px-2 py-1.5">
            <option value="">any</option>
            {TRANSACTION_STATUSES.map((value) => (
              <option key={value}>{value}</option>
            ))}
          </select>
        </label>
        <label>
          <span className="block font-medium text-slate-700">Kind</span>
          <select name="kind" defaultValue={query.kind ?? ""} className="mt-1 rounded-md border border-slate-300 px-2 py-1.5">
            <option value="">any</option>
            {TRANSACTION_KINDS.map((value) => (
              <option key={value}>{value}</option>
            ))}
          </select>
        </label>
        <label>
          <span className="block font-medium text-slate-700">From</span>
          <input name="from" type="date" defaultValue={day(query.from)} className="mt-1 rounded-md border border-slate-300 px-2 py-1.5" />
        </label>
        <label>
          <span className="block font-medium text-slate-700">To</span>
          <input name="to" type="date" defaultValue={day(query.to)} className="mt-1 rounded-md border border-slate-300 px-2 py-1.5" />
        </label>
        <button type="submit" className="rounded-md border border-slate-300 bg-white px-3 py-1.5 font-medium hover:bg-slate-50">
          Filter
        </button>
      </form>
      {ignored.length > 0 ? (
        <FormAlert message={`Ignored invalid filter${ignored.length === 1 ? "" : "s"}: ${ignored.map(({ field, message }) => `${field} (${message})`).join(", ")}.`} />
      ) : null}
      <TransactionTable
        transactions={page.data}
        propertyNames={propertyNames}
        transition={can(identity.role, "transaction:edit") ? transitionTransactionAction : undefined}
      />
      <PageLinks
        firstHref={query.cursor ? listHref("/dashboard/transactions", query, FILTER_NAMES) : null}
        nextHref={page.nextCursor ? listHref("/dashboard/transactions", query, FILTER_NAMES, page.nextCursor) : null}
      />
    </main>
  );
}
