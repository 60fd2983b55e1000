import type { Metadata } from "next";
import { NewPropertyForm } from "@/components/dashboard/new-property-form";
import { PropertyTable } from "@/components/dashboard/property-table";
import { PageLinks } from "@/components/data-table/page-links";
import { listHref, readUrlFilters } from "@/lib/http/read-url-filters";
import { FormAlert } from "@/components/forms/form-alert";
import { propertyStatusLabel } from "@/components/property-status-badge";
import { Search } from "lucide-react";
import { requireStaff } from "@/lib/auth/page-identity";
import { can } from "@/lib/auth/permissions";
import { getBranding } from "@/lib/branding/get-branding";
import { findPropertiesPage } from "@/lib/properties/list-properties";
import { PROPERTY_SORT_LABELS, PROPERTY_SORTS, PROPERTY_STATUSES, PROPERTY_TYPES, propertyListQuerySchema } from "@/lib/properties/property-schema";
import { getOverview } from "@/lib/overview/get-overview";
import { runWithContext } from "@/lib/tenancy/context";
import { summariseTransactionsThisMonth } from "@/lib/transactions/summarise-transactions";
import { formatDateTime } from "@/lib/format/format-date";
import { formatMoney } from "@/lib/format/format-money";
import { createPropertyAction } from "./actions";

export const metadata: Metadata = { title: "Dashboard" };

const FILTER_NAMES = ["q", "status", "type", "minPrice", "maxPrice", "sort"] as const;
const PAGE_SIZE = 25;

const filterInput = "mt-1 block w-full rounded-md border border-slate-300 px-2 py-1.5";

export default async function DashboardPage({ params, searchParams }: PageProps<"/t/[tenantId]/dashboard">) {
  const { context, identity } = await requireStaff((await params).tenantId, "property:read");
  const { query, ignored } = readUrlFilters(propertyListQuerySchema, [...FILTER_NAMES, "cursor"], await searchParams, { limit: PAGE_SIZE });
  const filtered = FILTER_NAMES.some((name) => name !== "sort" && query[name] !== undefined);
  const [page, branding, overview] = await runWithContext(context, async () =>
    Promise.all([
      findPropertiesPage(context, query),
      getBranding(context.tenant),
      getOverview(context, identity, can(identity.role, "transaction:read") ? { transactionsThisMonth: summariseTransactionsThisMonth } : {}),
    ]),
  );
  return (
    <main className="mx-auto max-w-5xl px-4 py-8 sm:px-6">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-bold tracking-tight text-slate-900">Dashboard</h1>
        </div>
      </div>
      <section aria-label="Overview" className="mt-6 grid gap-3 sm:grid-cols-4">
        <div className="rounded-lg border border-slate-200 bg-white p-4">
          <p className="text-xs uppercase text-slate-500">Properties</p>
          <p className="text-2xl font-semibold" data-testid="overview-properties">{overview.propertiesTotal}</p>
          <p className="text-xs text-slate-500">
            {overview.propertiesByStatus.available} available · {overview.publishedProperties} published
          </p>
        </div>
        <div className="rounded-lg border border-slate-200 bg-white p-4">
          <p className="text-xs uppercase text-slate-500">Transactions this month</p>
          <p className="text-2xl font-semibold">{overview.transactionsThisMonth ? overview.transactionsThisMonth.count : "—"}</p>
          <p className="text-xs text-slate-500">{overview.transactionsThisMonth ? formatMoney(overview.transactionsThisMonth.total, branding.currency) : ""}</p>
        </div>
        <div className="rounded-lg border border-slate-200 bg-white p-4">
          <p className="text-xs uppercase text-slate-500">Open leads</p>
          <p className="text-2xl font-semibold" data-testid="overview-open-leads">{overview.openLeads}</p>
        </div>
        <div className="rounded-lg border border-slate-200 bg-white p-4 sm:col-span-1">
          <p className="text-xs uppercase text-slate-500">Recent activity</p>
          {overview.recentActivity ? (
            <ul className="mt-1 space-y-1 text-xs text-slate-600">
              {overview.recentActivity.slice(0, 4).map((event) => (
                <li key={event.id}>
                  <span className="font-mono">{event.action}</span> · {formatDateTime(event.createdAt, branding)}
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-xs text-slate-500">Visible to owners and admins.</p>
          )}
        </div>
      </section>
      <section className="mt-8 space-y-4" aria-labelledby="properties-heading">
        <div className="flex items-center justify-between gap-4">
          <h2 id="properties-heading" className="text-lg font-semibold text-slate-900">
            Properties
          </h2>
        </div>
        {can(identity.role, "property:create") ? <NewPropertyForm action={createPropertyAction} /> : null}
        <form aria-label="Search properties" className="grid grid-cols-2 items-end gap-3 text-sm sm:grid-cols-3 lg:grid-cols-7">
          <label className="col-span-2 sm:col-span-3 lg:col-span-2">
            <span className="block font-medium text-slate-700">Search</span>
            <input name="q" type="search" defaultValue={query.q ?? ""} placeholder="Name or address" className={filterInput} />
          </label>
          <label>
            <span className="block font-medium text-slate-700">Status</span>
            <select name="status" defaultValue={query.status ?? ""} className={filterInput}>
              <option value="">Any</option>
              {PROPERTY_STATUSES.map((status) => (
                <option key={status} value={status}>
                  {propertyStatusLabel(status)}
                </option>
              ))}
            </select>
          </label>
          <label>
            <span className="block font-medium text-slate-700">Type</span>
            <select name="type" defaultValue={query.type ?? ""} className={filterInput}>
              <option value="">Any</option>
              {PROPERTY_TYPES.map((type) => (
                <option key={type} value={type}>
                  {type}
                </option>
              ))}
            </select>
          </label>
          <label>
            <span className="block font-medium text-slate-700">Min price</span>
            <input name="minPrice" type="number" min="0" defaultValue={query.minPrice?.toString() ?? ""} className={filterInput} />
          </label>
          <label>
            <span className="block font-medium text-slate-700">Max price</span>
            <input name="maxPrice" type="number" min="0" defaultValue={query.maxPrice?.toString() ?? ""} className={filterInput} />
          </label>
          <label>
            <span className="block font-medium text-slate-700">Sort by</span>
            <select name="sort" defaultValue={query.sort} className={filterInput}>
              {PROPERTY_SORTS.map((sort) => (
                <option key={sort} value={sort}>
                  {PROPERTY_SORT_LABELS[sort]}
                </option>
              ))}
            </select>
          </label>
          <div className="col-span-2 flex gap-2 sm:col-span-3 lg:col-span-7">
            <button type="submit" className="inline-flex items-center gap-1.5 rounded-md border border-slate-300 bg-white px-3 py-1.5 font-medium hover:bg-slate-50">
              <Search aria-hidden className="size-4" /> Apply
            </button>
            {filtered || query.sort !== "newest" ? (
              <a href="/dashboard" className="inline-flex items-center px-2 py-1.5 text-slate-600 underline">
                Clear
              </a>
            ) : null}
          </div>
        </form>
        {ignored.length > 0 ? (
          <FormAlert message={`Ignored invalid filter${ignored.length === 1 ? "" : "s"}: ${ignored.map(({ field }) => field).join(", ")}. Check the values and apply again.`} />
        ) : null}
        <PropertyTable properties={page.data} caption={`Properties of ${context.tenant.name}`} filtered={filtered} />
        <PageLinks firstHref={query.cursor ? listHref("/dashboard", query, FILTER_NAMES) : null} nextHref={page.nextCursor ? listHref("/dashboard", query, FILTER_NAMES, page.nextCursor) : null} />
      </section>
    </main>
  );
}
