import type { Metadata } from "next";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { NewPropertyForm } from "@/components/dashboard/new-property-form";
import { PropertyTable } from "@/components/property-table";
import { requireStaff } from "@/lib/auth/page-identity";
import { can } from "@/lib/auth/permissions";
import { getBranding } from "@/lib/branding/get-branding";
import { findPropertiesPage } from "@/lib/properties/list-properties";
import { runWithContext } from "@/lib/tenancy/context";
import { createPropertyAction, signOutEverywhereAction } from "./actions";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage({ params }: PageProps<"/t/[tenantId]/dashboard">) {
  const { context, identity } = await requireStaff((await params).tenantId, "property:read", "/dashboard");
  const [page, branding] = await runWithContext(context, async () => Promise.all([findPropertiesPage(context, { limit: 50 }), getBranding(context.tenant)]));
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
