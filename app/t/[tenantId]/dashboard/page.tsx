import type { Metadata } from "next";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { NewPropertyForm } from "@/components/dashboard/new-property-form";
import { PropertyTable } from "@/components/property-table";
import { requireStaff } from "@/lib/auth/page-identity";
import { can } from "@/lib/auth/permissions";
import { getBranding } from "@/lib/branding/get-branding";
import { findPropertiesPage } from "@/lib/properties/list-properties";
import { getOverview } from "@/lib/overview/get-overview";
import { runWithContext } from "@/lib/tenancy/context";
import { summariseTransactionsThisMonth } from "@/lib/transactions/summarise-transactions";
import { formatDateTime } from "@/lib/format/format-date";
import { formatMoney } from "@/lib/format/format-money";
import { createPropertyAction, signOutEverywhereAction } from "./actions";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage({ params }: PageProps<"/t/[tenantId]/dashboard">) {
  const { context, identity } = await requireStaff((await params).tenantId, "property:read", "/dashboard");
  const [page, branding, overview] = await runWithContext(context, async () =>
    Promise.all([
      findPropertiesPage(context, { limit: 50 }),
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
        <PropertyTable properties={page.data} caption={`Properties of ${context.tenant.name}`} currency={branding.currency} dates={branding} detailHref={(property) => `/dashboard/properties/${property.id}`} />
      </section>
    </main>
  );
}
