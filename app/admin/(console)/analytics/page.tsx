import type { Metadata } from "next";
import Link from "next/link";
import { AnalyticsGrowthChart } from "@/components/admin/analytics-growth-chart";
import { requirePlatformAdmin } from "@/lib/auth/page-identity";
import { AppError } from "@/lib/errors/app-error";
import { growthDaysSchema, readResourceUsage, readTenantActivity, readTenantGrowth } from "@/lib/platform-analytics/read-analytics";
import { requireSurface } from "@/lib/tenancy/require-surface";

export const metadata: Metadata = { title: "Analytics · Admin console", robots: { index: false } };
export const dynamic = "force-dynamic";

const PERIODS = [7, 30, 90, 365];
const MB = 1024 * 1024;

export default async function AdminAnalyticsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireSurface("admin");
  await requirePlatformAdmin();
  const requested = (await searchParams).days;
  const parsedDays = growthDaysSchema.safeParse(typeof requested === "string" ? requested : "30");
  const days = parsedDays.success ? parsedDays.data : 30;
  let data;
  try {
    data = await Promise.all([readTenantGrowth(days), readTenantActivity(), readResourceUsage()]);
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") {
      return (
        <main className="mx-auto max-w-5xl px-6 py-10">
          <h1 className="text-3xl font-bold tracking-tight text-slate-900">Analytics</h1>
          <p className="mt-4 text-slate-600">{error.message}</p>
        </main>
      );
    }
    throw error;
  }
  const [growth, activity, resources] = data;
  const total = growth.growth.reduce((sum, day) => sum + day.new_tenants, 0);
  return (
    <main className="mx-auto max-w-5xl px-6 py-10">
      <h1 className="text-3xl font-bold tracking-tight text-slate-900">Analytics</h1>
      <p className="mt-2 text-sm text-slate-600">Snapshot of {growth.takenAt.slice(0, 16).replace("T", " ")} UTC (hourly job, or anchor analytics snapshot).</p>

      <section className="mt-8">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h2 className="text-lg font-semibold">
            Tenant growth: <span data-testid="growth-total">{total}</span> new in {days} days
          </h2>
          <nav className="flex gap-2 text-sm" aria-label="Period">
            {PERIODS.map((period) => (
              <Link key={period} href={`?days=${period}`} aria-current={period === days ? "page" : undefined} className={`rounded px-2 py-1 ${period === days ? "bg-slate-900 text-white" : "bg-slate-100"}`}>
                {period} d
              </Link>
            ))}
            <a href={`/api/admin/analytics/growth?days=${days}&format=csv`} className="rounded bg-slate-100 px-2 py-1">
              CSV
            </a>
          </nav>
        </div>
        <AnalyticsGrowthChart growth={growth.growth} />
      </section>

      <section className="mt-10">
        <div className="flex items-center justify-between">
          <h2 className="text-lg font-semibold">Resource usage by tenant (largest database first)</h2>
          <a href="/api/admin/analytics/resources?format=csv" className="rounded bg-slate-100 px-2 py-1 text-sm">
            CSV
          </a>
        </div>
        <table className="mt-3 w-full text-left text-sm">
          <thead className="border-b text-slate-500">
            <tr>
              <th className="py-2">Tenant</th>
              <th>Plan</th>
              <th>DB size</th>
              <th>Storage</th>
              <th>API calls 30 d</th>
              <th>Users</th>
            </tr>
          </thead>
          <tbody>
            {resources.tenants.slice(0, 100).map((row) => (
              <tr key={row.tenant_id} className="border-b" data-testid={`resources-${row.subdomain}`}>
                <td className="py-2">{row.subdomain}</td>
                <td>{row.plan}</td>
                <td>{(row.db_size_bytes / MB).toFixed(2)} MB</td>
                <td data-testid="storage-bytes">{row.storage_size_bytes} B</td>
                <td data-testid="api-calls">{row.api_calls_30d}</td>
                <td data-testid="users">{row.user_count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section className="mt-10">
        <div className="flex items-center justify-between">
          <h2 className="text-lg font-semibold">Activity per tenant (7 days)</h2>
          <a href="/api/admin/analytics/activity?format=csv" className="rounded bg-slate-100 px-2 py-1 text-sm">
            CSV
          </a>
        </div>
        <table className="mt-3 w-full text-left text-sm">
          <thead className="border-b text-slate-500">
            <tr>
              <th className="py-2">Tenant</th>
              <th>Status</th>
              <th>Events</th>
              <th>Last activity</th>
            </tr>
          </thead>
          <tbody>
            {activity.tenants.slice(0, 100).map((row) => (
              <tr key={row.tenant_id} className="border-b">
                <td className="py-2">{row.subdomain}</td>
                <td>{row.status}</td>
                <td>{row.activity_count}</td>
                <td>{row.last_activity?.slice(0, 16).replace("T", " ") ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </main>
  );
}
