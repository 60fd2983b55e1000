import type { ReactNode } from "react";
import { getBranding } from "@/lib/branding/get-branding";
import { requestNonce } from "@/lib/branding/request-branding";
import { sanitizeTenantHtml } from "@/lib/branding/sanitize-tenant-html";
import { currentIdentity } from "@/lib/auth/page-identity";
import { requireTenantPage } from "@/lib/tenancy/request-context";
import { isCustomDomainHost } from "@/lib/tenancy/resolve-host";

/**
 * The customer portal: the tenant's own header/footer HTML (sanitised again here, whatever is stored),
 * stylesheet, and its custom script — only on the tenant's verified custom domain, the one origin with
 * no staff page, staff API or staff session (the page's CSP admits it there only).
 */
export default async function PortalLayout({ children, params }: { children: ReactNode; params: Promise<{ tenantId: string }> }) {
  const { tenant, host } = await requireTenantPage((await params).tenantId);
  const branding = await getBranding(tenant);
  const header = sanitizeTenantHtml(branding.customHeader);
  const footer = sanitizeTenantHtml(branding.customFooter);
  const nonce = await requestNonce();
  const onCustomDomain = isCustomDomainHost(host);
  const customDomain = tenant.customDomainVerified ? tenant.customDomain : null;
  const identity = customDomain && !onCustomDomain ? await currentIdentity() : null;
  const canHandOff = identity?.role === "customer" && identity.tenantId === tenant.id;
  return (
    <>
      <nav aria-label="Account" className="mx-auto flex max-w-5xl justify-end gap-4 px-4 pt-3 text-sm sm:px-6">
        {canHandOff ? (
          <a href="/api/auth/handoff" className="underline">
            Continue on {customDomain}
          </a>
        ) : null}
        <a href="/my-enquiries" className="underline">
          My enquiries
        </a>
        <a href="/sign-up" className="underline">
          Create an account
        </a>
      </nav>
      {branding.customCss ? <link rel="stylesheet" href={branding.customCss} precedence="default" /> : null}
      {header ? <div className="tenant-custom-header" data-testid="tenant-custom-header" dangerouslySetInnerHTML={{ __html: header }} /> : null}
      {children}
      {footer ? <footer className="tenant-custom-footer" data-testid="tenant-custom-footer" dangerouslySetInnerHTML={{ __html: footer }} /> : null}
      {onCustomDomain && branding.customJs ? <script src={branding.customJs} nonce={nonce} async /> : null}
    </>
  );
}
