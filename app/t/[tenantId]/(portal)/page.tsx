import { PageLinks } from "@/components/data-table/page-links";
import { PortalFilters } from "@/components/portal/portal-filters";
import { PropertyCard } from "@/components/portal/property-card";
import { getBranding } from "@/lib/branding/get-branding";
import { findPublishedPropertiesPage } from "@/lib/portal/list-published-properties";
import { hasPortalFilters, portalListingHref, readPortalFilters } from "@/lib/portal/read-portal-filters";
import { inTenantPage } from "@/lib/tenancy/request-context";

const PAGE_SIZE = 12;

export default async function TenantHomePage({ params, searchParams }: PageProps<"/t/[tenantId]">) {
  const { tenantId } = await params;
  const { query, ignored } = readPortalFilters(await searchParams, PAGE_SIZE);
  const { tenant, page, branding } = await inTenantPage(tenantId, async (context) => ({
    tenant: context.tenant,
    page: await findPublishedPropertiesPage(context, query),
    branding: await getBranding(context.tenant),
  }));
  const filtered = hasPortalFilters(query);
  return (
    <main className="mx-auto max-w-5xl px-4 py-8 sm:px-6 sm:py-12">
      <h1 className="text-2xl font-bold tracking-tight text-slate-900 sm:text-3xl">Properties</h1>
      <p className="mt-2 text-sm text-slate-600">Listings of {tenant.name}, newest first.</p>
      <div className="mt-6">
        <PortalFilters query={query} ignored={ignored} />
      </div>
      <div className="mt-6">
        {page.data.length === 0 ? (
          <div className="rounded-lg border border-dashed border-slate-300 bg-white px-6 py-12 text-center">
            {filtered ? (
              <>
                <h2 className="text-base font-semibold text-slate-900">No properties match these filters</h2>
                <p className="mt-2 text-sm text-slate-600">
                  Try a wider price range or fewer filters, or <a href="/" className="underline">clear all filters</a>.
                </p>
              </>
            ) : (
              <>
                <h2 className="text-base font-semibold text-slate-900">No properties yet</h2>
                <p className="mt-2 text-sm text-slate-600">Properties {tenant.name} publishes will be listed here.</p>
              </>
            )}
          </div>
        ) : (
          <ul aria-label={`Properties of ${tenant.name}`} className="grid gap-6 sm:grid-cols-2 lg:grid-cols-3">
            {page.data.map((property, index) => (
              <li key={property.id}>
                <PropertyCard property={property} currency={branding.currency} dates={branding} eagerPhoto={index < 3} />
              </li>
            ))}
          </ul>
        )}
      </div>
      <div className="mt-6">
        <PageLinks firstHref={query.cursor ? portalListingHref(query) : null} nextHref={page.nextCursor ? portalListingHref(query, page.nextCursor) : null} />
      </div>
    </main>
  );
}
