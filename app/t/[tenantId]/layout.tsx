import type { Metadata } from "next";
import { ImpersonationBanner } from "@/components/impersonation/impersonation-banner";
import { TenantProvider } from "@/components/tenant/tenant-provider";
import { getBranding } from "@/lib/branding/get-branding";
import { requireTenantPage } from "@/lib/tenancy/request-context";

export async function generateMetadata({ params }: LayoutProps<"/t/[tenantId]">): Promise<Metadata> {
  const { tenant } = await requireTenantPage((await params).tenantId);
  const branding = await getBranding(tenant);
  return { title: { default: branding.name, template: `%s · ${branding.name}` }, icons: branding.favicon ? { icon: branding.favicon } : undefined };
}

export default async function TenantLayout({ children, params }: LayoutProps<"/t/[tenantId]">) {
  const { tenant } = await requireTenantPage((await params).tenantId);
  const branding = await getBranding(tenant);
  return (
    <TenantProvider
      settings={{
        name: branding.name,
        logo: branding.logo,
        primaryColor: branding.primaryColor,
        secondaryColor: branding.secondaryColor,
        theme: branding.theme,
        timezone: branding.timezone,
        dateFormat: branding.dateFormat,
        currency: branding.currency,
      }}
    >
      <div className="flex min-h-screen flex-col">
        <ImpersonationBanner timezone={branding.timezone} />
        <header className="border-b border-slate-200 bg-white" style={{ borderTopColor: "var(--primary-color)", borderTopWidth: 4 }}>
          <div className="mx-auto flex max-w-5xl items-center gap-3 px-4 py-4 sm:px-6">
            {branding.logo ? (
              // Tenant logos are https URLs or their own /assets files; next/image would need every host configured.
              // eslint-disable-next-line @next/next/no-img-element
              <img src={branding.logo} alt={`${branding.name} logo`} className="h-8 w-auto" data-testid="tenant-logo" />
            ) : null}
            <p className="text-lg font-bold tracking-tight" style={{ color: "var(--secondary-color)" }}>
              {branding.name}
            </p>
          </div>
        </header>
        <div className="flex-1">{children}</div>
      </div>
    </TenantProvider>
  );
}
