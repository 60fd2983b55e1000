import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { DaysOnMarketChart, ViewsAndEnquiriesChart, ViewsPerDayChart } from "@/components/dashboard/listing-performance-charts";
import { readListingPerformance, VIEW_DAYS } from "@/lib/analytics/read-listing-performance";
import { requireStaff } from "@/lib/auth/page-identity";
import { runWithContext } from "@/lib/tenancy/context";
import { featureEnabled, tenantProfile } from "@/lib/tenant-profile/tenant-profile";

export const metadata: Metadata = { title: "Analytics" };

/** Charts show the most enquired listings; the table lists all the service returns. */
const CHART_LISTINGS = 12;

const percent = (ratio: number | null) => (ratio === null ? "—" : `${Math.round(ratio * 1000) / 10}%`);

/** Listing performance, the same report as GET /api/v1/analytics/advanced; hidden (404) unless advancedAnalytics is on. */
export default async function AnalyticsPage({ params }: PageProps<"/t/[tenantId]/dashboard/analytics">) {
  const { context } = await requireStaff((await params).tenantId, "property:read");
  if (!featureEnabled(await tenantProfile(context.tenant.id), "advancedAnalytics")) notFound();
  const analytics = await runWithContext(context, () => readListingPerformance(context));
  const { totals, listings } = analytics;
  const charted = listings.slice(0, CHART_LISTINGS);
  return (
    <main className="mx-auto max-w-5xl space-y-8 px-4 py-8 sm:px-6">
      <div>
        <h1 className="text-2xl font-bold tracking-tight text-slate-900">Analytics</h1>
        <p className="mt-1 text-sm text-slate-600">Listing performance: portal views, enquiries, time on market and conversion (completed transactions per enquiry).</p>
      </div>

      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-5">
        {[
          ["Properties", "total-properties", totals.properties.toLocaleString("en-US")],
          ["Views", "total-views", totals.views.toLocaleString("en-US")],
          ["Enquiries", "total-enquiries", totals.enquiries.toLocaleString("en-US")],
          ["Enquiries per view", "total-enquiry-rate", percent(totals.enquiryRate)],
          ["Conversion", "total-conversion", percent(totals.conversion)],
        ].map(([label, testId, value]) => (
          <div key={testId} className="rounded-lg border border-slate-200 bg-white p-3">
            <dt className="text-xs text-slate-500">{label}</dt>
            <dd className="text-xl font-semibold text-slate-900" data-testid={testId}>
              {value}
            </dd>
          </div>
        ))}
      </dl>

      {listings.length === 0 ? (
        <p className="text-sm text-slate-600">No properties yet.</p>
      ) : (
        <>
          <section aria-labelledby="views-enquiries-heading">
            <h2 id="views-enquiries-heading" className="text-lg font-semibold text-slate-900">Views and enquiries per listing</h2>
            <ViewsAndEnquiriesChart listings={charted.map(({ name, views, enquiries }) => ({ name, views, enquiries }))} />
          </section>
          <section aria-labelledby="views-day-heading">
            <h2 id="views-day-heading" className="text-lg font-semibold text-slate-900">Portal views per day, last {VIEW_DAYS} days</h2>
            <ViewsPerDayChart days={analytics.viewsPerDay} />
          </section>
          <section aria-labelledby="market-heading">
            <h2 id="market-heading" className="text-lg font-semibold text-slate-900">Time on market</h2>
            <DaysOnMarketChart listings={charted.map(({ name, daysOnMarket }) => ({ name, daysOnMarket }))} />
          </section>
          <table className="w-full text-left text-sm" aria-label="Listing performance">
            <thead className="border-b text-slate-500">
              <tr>
                <th className="py-2">Property</th>
                <th className="text-right">Views</th>
                <th className="text-right">Enquiries</th>
                <th className="text-right">Completed</th>
                <th className="text-right">Days on market</th>
                <th className="text-right">Conversion</th>
              </tr>
            </thead>
            <tbody>
              {listings.map((listing) => (
                <tr key={listing.propertyId} className="border-b" data-testid="listing">
                  <td className="py-2">
                    <a href={`/dashboard/properties/${listing.propertyId}`} className="font-medium text-slate-900 underline-offset-2 hover:underline" data-testid="listing-name">
                      {listing.name}
                    </a>
                    {listing.published ? null : <span className="ml-2 text-xs text-slate-500">not published</span>}
                  </td>
                  <td className="text-right" data-testid="listing-views">{listing.views}</td>
                  <td className="text-right" data-testid="listing-enquiries">{listing.enquiries}</td>
                  <td className="text-right" data-testid="listing-completed">{listing.completedTransactions}</td>
                  <td className="text-right" data-testid="listing-days">{listing.daysOnMarket}</td>
                  <td className="text-right" data-testid="listing-conversion">{percent(listing.conversion)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {totals.properties > listings.length ? <p className="text-sm text-slate-600">The {listings.length} most enquired of {totals.properties} properties.</p> : null}
        </>
      )}
    </main>
  );
}
