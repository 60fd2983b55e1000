import type { Metadata } from "next";
import { CreateTenantForm } from "@/components/admin/create-tenant-form";
import { requirePlatformAdmin } from "@/lib/auth/page-identity";
import { PLAN_IDS, PLANS } from "@/lib/plans/plans";
import { requireSurface } from "@/lib/tenancy/require-surface";
import { tenantBaseUrl } from "@/lib/tenancy/tenant-urls";

export const metadata: Metadata = { title: "New tenant · Admin console", robots: { index: false } };
export const dynamic = "force-dynamic";

export default async function NewTenantPage() {
  await requireSurface("admin");
  await requirePlatformAdmin();
  return (
    <main className="mx-auto max-w-xl px-6 py-10">
      <h1 className="text-3xl font-bold tracking-tight text-slate-900">New tenant</h1>
      <p className="mt-2 text-sm text-slate-600">Creates its schema, owner account and settings in one step; the owner gets a mail to set a password.</p>
      <div className="mt-6">
        <CreateTenantForm plans={PLAN_IDS.map((id) => ({ id, name: PLANS[id].name }))} tenantUrlPattern={tenantBaseUrl("{slug}")} />
      </div>
    </main>
  );
}
