import type { Metadata } from "next";
import Link from "next/link";
import { AnalyticsGrowthChart } from "@/components/admin/analytics-growth-chart";
import { ConsolePage, ConsoleSection, ConsoleTable, SectionLink, UtcMinute } from "@/components/admin/console-page";
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
    if (error instanceof AppError && error.code === "not_found") return <ConsolePage title="Analytics" intro={error.message}>{null}</ConsolePage>;
    throw error;
  }
  const [growth, activity, resources] = data;
  const total = growth.growth.reduce((sum, day) => sum + day.new_tenants, 0);
  return (
    <ConsolePage
      title="Analytics"
      intro={
        <>
          Snapshot of <UtcMinute iso={growth.takenAt} /> UTC (hourly job, or anchor analytics snapshot).
        </>
      }
    >
      <ConsoleSection
        className="mt-8"
        title={
          <>
            Tenant growth: <span data-testid="growth-total">{total}</span> new in {days} days
          </>
        }
        actions={
          <nav className="flex gap-2 text-sm" aria-label="Period">
            {PERIODS.map((period) => (
              <Link key={period} href={`?days=${period}`} aria-current={period === days ? "page" : undefined} className={`rounded px-2 py-1 ${period === days ? "bg-slate-900 text-white" : "bg-slate-100"}`}>
                {period} d
              </Link>
            ))}
            <SectionLink href={`/api/admin/analytics/growth?days=${days}&format=csv`}>CSV</SectionLink>
          </nav>
        }
      >
        <AnalyticsGrowthChart growth={growth.growth} />
      </ConsoleSection>

      <ConsoleSection title="Resource usage by tenant (largest database first)" actions={<SectionLink href="/api/admin/analytics/resources?format=csv">CSV</SectionLink>}>
        <ConsoleTable headers={["Tenant", "Plan", "DB size", "Storage", "API calls 30 d", "Users"]}>
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
        </ConsoleTable>
      </ConsoleSection>

      <ConsoleSection title="Activity per tenant (7 days)" actions={<SectionLink href="/api/admin/analytics/activity?format=csv">CSV</SectionLink>}>
        <ConsoleTable headers={["Tenant", "Status", "Events", "Last activity"]}>
          {activity.tenants.slice(0, 100).map((row) => (
            <tr key={row.tenant_id} className="border-b">
              <td className="py-2">{row.subdomain}</td>
              <td>{row.status}</td>
              <td>{row.activity_count}</td>
              <td>
                <UtcMinute iso={row.last_activity} />
              </td>
            </tr>
          ))}
        </ConsoleTable>
      </ConsoleSection>
    </ConsolePage>
  );
}
