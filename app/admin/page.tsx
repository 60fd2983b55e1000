import type { Metadata } from "next";
import { TenantTable } from "@/components/admin/tenant-table";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { requirePlatformAdmin } from "@/lib/auth/page-identity";
import { listTenants } from "@/lib/tenants/find-tenant";
import { requireSurface } from "@/lib/tenancy/require-surface";

export const metadata: Metadata = { title: "Admin console · Asset Anchor", robots: { index: false } };

export default async function AdminConsolePage() {
  await requireSurface("admin");
  const admin = await requirePlatformAdmin();
  const tenants = await listTenants();
  return (
    <div className="min-h-screen">
      <header className="border-b border-slate-800 bg-slate-900 text-white">
        <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-3 px-6 py-4">
          <div>
            <span className="text-lg font-bold tracking-tight">Asset Anchor</span>
            <span className="ml-2 text-sm text-slate-300">Platform administration</span>
          </div>
          <div className="flex items-center gap-3 text-sm">
            <span className="text-slate-300">{admin.email}</span>
            <SignOutButton />
          </div>
        </div>
      </header>
      <main className="mx-auto max-w-5xl px-6 py-10">
        <h1 className="text-3xl font-bold tracking-tight text-slate-900">Admin console</h1>
        <nav aria-label="Console" className="mt-4 flex flex-wrap gap-4 text-sm font-medium">
          <a className="text-slate-700 underline hover:text-slate-900" href="/analytics">Analytics</a>
          <a className="text-slate-700 underline hover:text-slate-900" href="/health">Health</a>
          <a className="text-slate-700 underline hover:text-slate-900" href="/metrics">Key metrics</a>
        </nav>
        <h2 className="mt-8 text-lg font-semibold text-slate-900">Tenants ({tenants.length})</h2>
        <div className="mt-3">
          <TenantTable
            tenants={tenants.map(({ id, name, slug, status, customDomain, customDomainVerified }) => ({ id, name, slug, status, customDomain, customDomainVerified }))}
          />
        </div>
        <p className="mt-6 text-sm text-slate-600">
          Create, suspend and migrate tenants with the operator CLI: <code className="rounded bg-slate-100 px-1">npm run anchor -- --help</code>.
        </p>
      </main>
    </div>
  );
}
