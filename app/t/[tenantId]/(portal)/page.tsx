import { PropertyTable } from "@/components/property-table";
import { getBranding } from "@/lib/branding/get-branding";
import { listPublishedProperties } from "@/lib/properties/list-properties";
import { inTenantPage } from "@/lib/tenancy/request-context";

export default async function TenantHomePage({ params }: PageProps<"/t/[tenantId]">) {
  const { tenantId } = await params;
  const { tenant, properties, branding } = await inTenantPage(tenantId, async (context) => ({
    tenant: context.tenant,
    properties: await listPublishedProperties(context),
    branding: await getBranding(context.tenant),
  }));
  return (
    <main className="mx-auto max-w-5xl px-4 py-8 sm:px-6 sm:py-12">
      <h1 className="text-2xl font-bold tracking-tight text-slate-900 sm:text-3xl">Properties</h1>
      <p className="mt-2 text-sm text-slate-600">Listings of {tenant.name}, newest first.</p>
      <div className="mt-6">
        <PropertyTable properties={properties} caption={`Properties of ${tenant.name}`} currency={branding.currency} dates={branding} detailHref={(property) => `/properties/${property.id}`} />
      </div>
    </main>
  );
}
