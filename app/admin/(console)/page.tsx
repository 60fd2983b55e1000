import type { Metadata } from "next";
import type { ReactNode } from "react";
import { ConsolePage, ConsoleSection, UtcMinute } from "@/components/admin/console-page";
import { TenantListTable } from "@/components/admin/tenant-list-table";
import { listConsoleTenants, tenantListQuerySchema } from "@/lib/admin-console/list-tenants";
import { readConsoleOverview } from "@/lib/admin-console/read-console-overview";
import { requirePlatformAdmin } from "@/lib/auth/page-identity";
import { formatBytes } from "@/lib/format/format-bytes";
import { requireSurface } from "@/lib/tenancy/require-surface";

export const metadata: Metadata = { title: "Admin console · Asset Anchor", robots: { index: false } };
export const dynamic = "force-dynamic";

function Figure({ label, value, testId }: { label: string; value: ReactNode; testId: string }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white px-4 py-3 shadow-sm">
      <dt className="text-xs font-semibold uppercase tracking-wide text-slate-500">{label}</dt>
      <dd className="mt-1 text-2xl font-bold text-slate-900" data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}

export default async function AdminOverviewPage() {
  await requireSurface("admin");
  await requirePlatformAdmin();
  const [overview, firstPage] = await Promise.all([readConsoleOverview(), listConsoleTenants(tenantListQuerySchema.parse({}))]);
  const activeTenants = overview.tenantsByStatus.active ?? 0;
  const allTenants = Object.entries(overview.tenantsByStatus).reduce((sum, [status, count]) => (status === "deleted" ? sum : sum + count), 0);
  return (
    <ConsolePage title="Admin console" intro="Overview of every tenant on the platform.">
      <dl className="mt-6 grid grid-cols-2 gap-3 sm:grid-cols-4">
        <Figure label="Tenants" value={allTenants} testId="overview-tenants" />
        <Figure label="Active" value={activeTenants} testId="overview-active" />
        <Figure label="Suspended" value={overview.tenantsByStatus.suspended ?? 0} testId="overview-suspended" />
        <Figure label="Critical / warning" value={`${overview.healthByStatus.critical ?? 0} / ${overview.healthByStatus.warning ?? 0}`} testId="overview-health" />
        {overview.snapshot ? (
          <>
            <Figure label="Users" value={overview.snapshot.users} testId="overview-users" />
            <Figure label="Database" value={formatBytes(overview.snapshot.dbSizeBytes)} testId="overview-db-size" />
            <Figure label="Storage" value={formatBytes(overview.snapshot.storageBytes)} testId="overview-storage" />
            <Figure label="API calls 30 d" value={overview.snapshot.apiCalls30d} testId="overview-api-calls" />
          </>
        ) : null}
      </dl>
      <p className="mt-2 text-xs text-slate-500">
        {overview.snapshot ? (
          <>
            Usage from the analytics snapshot of <UtcMinute iso={overview.snapshot.takenAt} /> UTC.
          </>
        ) : (
          "No analytics snapshot yet: usage appears after the hourly job (or anchor analytics snapshot)."
        )}
      </p>
      <ConsoleSection
        title={`Tenants (first ${firstPage.tenants.length} of ${firstPage.total} by name)`}
        actions={
          <a href="/tenants" className="text-sm font-medium underline">
            Search, filter and sort all tenants
          </a>
        }
      >
        <div className="mt-3">
          <TenantListTable tenants={firstPage.tenants} />
        </div>
      </ConsoleSection>
    </ConsolePage>
  );
}
