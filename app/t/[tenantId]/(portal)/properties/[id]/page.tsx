import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { EnquiryForm } from "@/components/portal/enquiry-form";
import { PropertyGallery } from "@/components/portal/property-gallery";
import { propertyTypeLabel } from "@/components/portal/property-type-label";
import { propertyStatusLabel } from "@/components/property-status-badge";
import { getBranding } from "@/lib/branding/get-branding";
import { AppError } from "@/lib/errors/app-error";
import { currentIdentity } from "@/lib/auth/page-identity";
import { formatMoney } from "@/lib/format/format-money";
import { formatQuantity } from "@/lib/format/format-quantity";
import { getPublishedProperty } from "@/lib/portal/get-published-property";
import { inTenantPage } from "@/lib/tenancy/request-context";
import { sendEnquiryAction } from "./actions";

export const metadata: Metadata = { title: "Property" };

export default async function PortalPropertyPage({ params, searchParams }: PageProps<"/t/[tenantId]/properties/[id]">) {
  const { tenantId, id } = await params;
  const requestedPhoto = Number((await searchParams).photo ?? 0);
  const found = await inTenantPage(tenantId, async (context) => {
    try {
      return { property: await getPublishedProperty(context, id), branding: await getBranding(context.tenant) };
    } catch (error) {
      if (error instanceof AppError && error.code === "not_found") return null;
      throw error;
    }
  });
  if (!found) notFound();
  const { property, branding } = found;
  const identity = await currentIdentity();
  const customer = identity?.role === "customer" && identity.tenantId === tenantId ? identity : null;
  return (
    <main className="mx-auto grid max-w-5xl gap-8 px-4 py-8 sm:px-6 md:grid-cols-[1fr_20rem]">
      <article>
        <p className="text-sm">
          <a href="/" className="text-slate-600 underline">
            All properties
          </a>
        </p>
        <h1 className="mt-2 text-3xl font-bold tracking-tight text-slate-900">{property.name}</h1>
        <p className="mt-1 text-slate-600">{property.address}</p>
        <PropertyGallery name={property.name} photoUrls={property.photoUrls} selected={requestedPhoto} />
        <p className="mt-4 text-2xl font-semibold" style={{ color: "var(--primary-color)" }}>
          {formatMoney(property.price, branding.currency)}
        </p>
        <dl className="mt-4 grid grid-cols-2 gap-2 text-sm sm:grid-cols-4">
          <div><dt className="text-slate-500">Type</dt><dd>{propertyTypeLabel(property.type)}</dd></div>
          <div><dt className="text-slate-500">Status</dt><dd>{propertyStatusLabel(property.status)}</dd></div>
          {property.bedrooms !== null ? <div><dt className="text-slate-500">Bedrooms</dt><dd>{property.bedrooms}</dd></div> : null}
          {property.bathrooms !== null ? <div><dt className="text-slate-500">Bathrooms</dt><dd>{formatQuantity(property.bathrooms)}</dd></div> : null}
          {property.area !== null ? <div><dt className="text-slate-500">Area</dt><dd>{formatQuantity(property.area)} m²</dd></div> : null}
        </dl>
        {property.description ? <p className="mt-6 whitespace-pre-line text-slate-700">{property.description}</p> : null}
      </article>
      <aside className="h-fit rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <h2 className="mb-4 text-lg font-semibold">Enquire</h2>
        <EnquiryForm propertyId={property.id} action={sendEnquiryAction} defaults={customer ? { name: customer.name ?? "", email: customer.email } : undefined} />
      </aside>
    </main>
  );
}
