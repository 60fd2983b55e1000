import type { Metadata } from "next";
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
    <main className="mx-auto max-w-5xl px-6 py-10">
      <h1 className="text-3xl font-bold tracking-tight text-slate-900">Tenant health</h1>
      <p className="mt-2 text-sm text-slate-600">
        Latest check per tenant (job every 5 minutes, or <code className="rounded bg-slate-100 px-1">anchor health check</code>): database, storage, 24 h error rate, response time, noisy neighbours.
      </p>
      <p className="mt-4 flex gap-4 text-sm" data-testid="health-counts">
        <span>Critical: {counts.critical}</span>
        <span>Warning: {counts.warning}</span>
        <span>Healthy: {counts.healthy}</span>
      </p>
      {tenants.length === 0 ? (
        <p className="mt-6 text-slate-600">No health checks yet.</p>
      ) : (
        <table className="mt-6 w-full text-left text-sm">
          <thead className="border-b text-slate-500">
            <tr>
              <th className="py-2">Tenant</th>
              <th>Status</th>
              <th>Reason</th>
              <th>Since</th>
              <th>Checked</th>
            </tr>
          </thead>
          <tbody>
            {tenants.map((tenant) => (
              <tr key={tenant.tenantId} className="border-b align-top" data-testid={`health-row-${tenant.slug}`}>
                <td className="py-2 font-medium">
                  {tenant.name} <span className="text-slate-500">({tenant.slug})</span>
                  {tenant.noisyNeighbour ? <span className="ml-2 rounded bg-purple-100 px-1 text-xs text-purple-800">noisy neighbour</span> : null}
                </td>
                <td>
                  <HealthStatusBadge status={tenant.status} />
                </td>
                <td className="max-w-md">{tenant.reasons.length === 0 ? "—" : tenant.reasons.join("; ")}</td>
                <td className="whitespace-nowrap">{tenant.statusSince.slice(0, 16).replace("T", " ")}</td>
                <td className="whitespace-nowrap">{tenant.checkedAt.slice(0, 16).replace("T", " ")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
}
