import type { ReactNode } from "react";
import { getBranding } from "@/lib/branding/get-branding";
import { requestNonce } from "@/lib/branding/request-branding";
import { sanitizeTenantHtml } from "@/lib/branding/sanitize-tenant-html";
import { requireTenantPage } from "@/lib/tenancy/request-context";

/**
 * The customer portal: the tenant's own header/footer HTML (sanitised again here, whatever is stored),
 * stylesheet, and — only here, never on staff pages — its custom script, admitted by the page's CSP.
 */
export default async function PortalLayout({ children, params }: { children: ReactNode; params: Promise<{ tenantId: string }> }) {
  const { tenant } = await requireTenantPage((await params).tenantId);
  const branding = await getBranding(tenant);
  const header = sanitizeTenantHtml(branding.customHeader);
  const footer = sanitizeTenantHtml(branding.customFooter);
  const nonce = await requestNonce();
  return (
    <>
      <nav aria-label="Account" className="mx-auto flex max-w-5xl justify-end gap-4 px-4 pt-3 text-sm sm:px-6">
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
      {branding.customJs ? <script src={branding.customJs} nonce={nonce} async /> : null}
    </>
  );
}
