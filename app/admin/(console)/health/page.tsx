import type { Metadata } from "next";
import { ConsolePage, ConsoleTable, UtcMinute } from "@/components/admin/console-page";
import { HealthStatusBadge } from "@/components/admin/health-status-badge";
import { requirePlatformAdmin } from "@/lib/auth/page-identity";
import { readTenantHealth } from "@/lib/health/read-tenant-health";
import { requireSurface } from "@/lib/tenancy/require-surface";

export const metadata: Metadata = { title: "Health · Admin console", robots: { index: false } };
export const dynamic = "force-dynamic";

export default async function AdminHealthPage() {
  await requireSurface("admin");
  await requirePlatformAdmin();
  const tenants = await readTenantHealth();
  const counts = { critical: 0, warning: 0, healthy: 0 };
  for (const tenant of tenants) counts[tenant.status] += 1;
  return (
    <ConsolePage
      title="Tenant health"
      intro={
        <>
          Latest check per tenant (job every 5 minutes, or <code className="rounded bg-slate-100 px-1">anchor health check</code>): database, storage, 24 h error rate, response time, noisy neighbours.
        </>
      }
    >
      <p className="mt-4 flex gap-4 text-sm" data-testid="health-counts">
        <span>Critical: {counts.critical}</span>
        <span>Warning: {counts.warning}</span>
        <span>Healthy: {counts.healthy}</span>
      </p>
      {tenants.length === 0 ? (
        <p className="mt-6 text-slate-600">No health checks yet.</p>
      ) : (
        <ConsoleTable className="mt-6" headers={["Tenant", "Status", "Reason", "Since", "Checked"]}>
          {tenants.map((tenant) => (
            <tr key={tenant.tenantId} className="border-b align-top" data-testid={`health-row-${tenant.slug}`}>
              <td className="py-2 font-medium">
                <a href={`/tenants/${tenant.slug}`} className="hover:underline">
                  {tenant.name}
                </a>{" "}
                <span className="text-slate-500">({tenant.slug})</span>
                {tenant.noisyNeighbour ? <span className="ml-2 rounded bg-purple-100 px-1 text-xs text-purple-800">noisy neighbour</span> : null}
              </td>
              <td>
                <HealthStatusBadge status={tenant.status} />
              </td>
              <td className="max-w-md">{tenant.reasons.length === 0 ? "—" : tenant.reasons.join("; ")}</td>
              <td className="whitespace-nowrap">
                <UtcMinute iso={tenant.statusSince} />
              </td>
              <td className="whitespace-nowrap">
                <UtcMinute iso={tenant.checkedAt} />
              </td>
            </tr>
          ))}
        </ConsoleTable>
      )}
    </ConsolePage>
  );
}
