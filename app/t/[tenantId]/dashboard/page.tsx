import type { Metadata } from "next";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { NewPropertyForm } from "@/components/dashboard/new-property-form";
import { PropertyTable } from "@/components/property-table";
import { requireStaff } from "@/lib/auth/page-identity";
import { can } from "@/lib/auth/permissions";
import { getBranding } from "@/lib/branding/get-branding";
import { findPropertiesPage } from "@/lib/properties/list-properties";
import type { z } from "zod";
import { PROPERTY_STATUSES, propertyListQuerySchema } from "@/lib/properties/property-schema";
import { getOverview } from "@/lib/overview/get-overview";
import { runWithContext } from "@/lib/tenancy/context";
import { summariseTransactionsThisMonth } from "@/lib/transactions/summarise-transactions";
import { formatDateTime } from "@/lib/format/format-date";
import { formatMoney } from "@/lib/format/format-money";
import { createPropertyAction, signOutEverywhereAction } from "./actions";

export const metadata: Metadata = { title: "Dashboard" };

type ListQuery = z.output<typeof propertyListQuerySchema>;

/** The list's filters from the URL, so a filtered page can be bookmarked and shared; invalid ones are dropped. */
function listQuery(search: Record<string, string | string[] | undefined>): ListQuery {
  const text = (name: string) => (typeof search[name] === "string" && search[name] !== "" ? search[name] : undefined);
  const parsed = propertyListQuerySchema.safeParse({ limit: 25, q: text("q"), status: text("status"), minPrice: text("minPrice"), maxPrice: text("maxPrice"), cursor: text("cursor") });
  return parsed.success ? parsed.data : { limit: 25 };
}

/** The same filters, on another page of results. */
function pageHref(query: ListQuery, cursor: string | undefined): string {
  const params = new URLSearchParams();
  for (const name of ["q", "status", "minPrice", "maxPrice"] as const) if (query[name] !== undefined) params.set(name, String(query[name]));
  if (cursor) params.set("cursor", cursor);
  return `?${params}`;
}

export default async function DashboardPage({ params, searchParams }: PageProps<"/t/[tenantId]/dashboard">) {
  const { context, identity } = await requireStaff((await params).tenantId, "property:read", "/dashboard");
  const query = listQuery(await searchParams);
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
          <p className="mt-1 text-sm text-slate-600">
            Signed in as <span data-testid="signed-in-email">{identity.email}</span> ({identity.role})
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <SignOutButton />
          <form action={signOutEverywhereAction}>
            <button type="submit" className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50">
              Sign out of all sessions
            </button>
          </form>
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
        <form aria-label="Search properties" className="flex flex-wrap items-end gap-3 text-sm">
          <label>
            <span className="block font-medium text-slate-700">Search</span>
            <input name="q" defaultValue={query.q ?? ""} placeholder="Name or address" className="mt-1 rounded-md border border-slate-300 px-2 py-1.5" />
          </label>
          <label>
            <span className="block font-medium text-slate-700">Status</span>
            <select name="status" defaultValue={query.status ?? ""} className="mt-1 rounded-md border border-slate-300 px-2 py-1.5">
              <option value="">any</option>
              {PROPERTY_STATUSES.map((status) => (
                <option key={status} value={status}>
                  {status.replace("_", " ")}
                </option>
              ))}
            </select>
          </label>
          <label>
            <span className="block font-medium text-slate-700">Min price</span>
            <input name="minPrice" type="number" min="0" defaultValue={query.minPrice?.toString() ?? ""} className="mt-1 w-32 rounded-md border border-slate-300 px-2 py-1.5" />
          </label>
          <label>
            <span className="block font-medium text-slate-700">Max price</span>
            <input name="maxPrice" type="number" min="0" defaultValue={query.maxPrice?.toString() ?? ""} className="mt-1 w-32 rounded-md border border-slate-300 px-2 py-1.5" />
          </label>
          <button type="submit" className="rounded-md border border-slate-300 bg-white px-3 py-1.5 font-medium">
            Apply
          </button>
        </form>
        <PropertyTable properties={page.data} caption={`Properties of ${context.tenant.name}`} currency={branding.currency} dates={branding} detailHref={(property) => `/dashboard/properties/${property.id}`} />
        <nav aria-label="Pages" className="flex gap-3 text-sm">
          {query.cursor ? (
            <a href={pageHref(query, undefined)} className="underline">
              First page
            </a>
          ) : null}
          {page.nextCursor ? (
            <a href={pageHref(query, page.nextCursor)} className="underline">
              Next page
            </a>
          ) : null}
        </nav>
      </section>
    </main>
  );
}
