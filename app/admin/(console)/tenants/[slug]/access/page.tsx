import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { EndImpersonationButton } from "@/components/admin/access/end-impersonation-button";
import { ImpersonationForm } from "@/components/admin/access/impersonation-form";
import { MaintenanceForm } from "@/components/admin/access/maintenance-form";
import { requirePlatformAdmin } from "@/lib/auth/page-identity";
import { AppError } from "@/lib/errors/app-error";
import { findAdminTenant, type AdminTenant } from "@/lib/impersonation/find-admin-tenant";
import { listImpersonationCandidates } from "@/lib/impersonation/list-impersonation-candidates";
import { listActiveImpersonations } from "@/lib/impersonation/list-impersonations";
import { readMaintenance } from "@/lib/maintenance/set-maintenance";
import { requireSurface } from "@/lib/tenancy/require-surface";

export const metadata: Metadata = { title: "Access · Admin console", robots: { index: false } };
export const dynamic = "force-dynamic";

async function tenantOr404(slug: string): Promise<AdminTenant> {
  try {
    return await findAdminTenant(slug);
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  }
}

/** The tenant page's Access tab: maintenance mode, and impersonating one of the tenant's users. */
export default async function TenantAccessPage({ params }: PageProps<"/admin/tenants/[slug]/access">) {
  await requireSurface("admin");
  await requirePlatformAdmin();
  const tenant = await tenantOr404((await params).slug);
  const [maintenance, impersonations, members] = await Promise.all([readMaintenance(tenant.slug), listActiveImpersonations(tenant.slug), listImpersonationCandidates(tenant.id)]);
  return (
    <div className="space-y-10">
      <section aria-labelledby="maintenance-heading" className="space-y-3">
        <h2 id="maintenance-heading" className="text-lg font-semibold text-slate-900">
          Maintenance mode
        </h2>
        <p className="text-sm text-slate-600" data-testid="maintenance-status">
          {maintenance.active
            ? `On since ${maintenance.startedAt?.slice(0, 16).replace("T", " ")} UTC${maintenance.until ? `, announced until ${maintenance.until.slice(0, 16).replace("T", " ")} UTC` : ""}. Visitors see the maintenance page; the API answers 503.`
            : "Off. While on, everyone but an impersonating platform admin sees a maintenance page and the API answers 503 with Retry-After."}
        </p>
        <MaintenanceForm slug={tenant.slug} active={maintenance.active} message={maintenance.message} until={maintenance.until} />
      </section>

      <section aria-labelledby="impersonation-heading" className="space-y-3">
        <h2 id="impersonation-heading" className="text-lg font-semibold text-slate-900">
          Impersonate a user
        </h2>
        <p className="text-sm text-slate-600">
          Sign in to {tenant.name} as one of its users for up to 30 minutes. A banner shows on every page; read-only unless you allow changes; everything is audited as you acting as them.
        </p>
        {tenant.status === "active" ? <ImpersonationForm slug={tenant.slug} members={members} /> : <p className="text-sm text-slate-600">The tenant is {tenant.status}: reactivate it to impersonate its users.</p>}
      </section>

      <section aria-labelledby="active-heading" className="space-y-3">
        <h2 id="active-heading" className="text-lg font-semibold text-slate-900">
          Active impersonations
        </h2>
        {impersonations.length === 0 ? (
          <p className="text-sm text-slate-600">None.</p>
        ) : (
          <table className="w-full text-left text-sm" data-testid="active-impersonations">
            <thead className="text-slate-500">
              <tr>
                <th className="py-1 font-medium">Admin</th>
                <th className="py-1 font-medium">As user</th>
                <th className="py-1 font-medium">Access</th>
                <th className="py-1 font-medium">Ends (UTC)</th>
                <th className="py-1 font-medium">Reason</th>
                <th className="py-1" />
              </tr>
            </thead>
            <tbody>
              {impersonations.map((impersonation) => (
                <tr key={impersonation.id} className="border-t border-slate-100">
                  <td className="py-2">{impersonation.adminEmail ?? impersonation.adminUserId}</td>
                  <td className="py-2">{impersonation.userEmail ?? impersonation.userId}</td>
                  <td className="py-2">{impersonation.write ? "write" : "read-only"}</td>
                  <td className="py-2">{impersonation.expiresAt.slice(11, 16)}</td>
                  <td className="py-2">{impersonation.reason}</td>
                  <td className="py-2 text-right">
                    <EndImpersonationButton slug={tenant.slug} id={impersonation.id} label={`impersonation of ${impersonation.userEmail ?? impersonation.userId}`} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
