import { headers } from "next/headers";
import type { ReactNode } from "react";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { getBranding } from "@/lib/branding/get-branding";
import { requestNonce } from "@/lib/branding/request-branding";
import { sanitizeTenantHtml } from "@/lib/branding/sanitize-tenant-html";
import { currentIdentity } from "@/lib/auth/page-identity";
import { safeRedirectPath } from "@/lib/http/safe-redirect";
import { ORIGINAL_PATH_HEADER } from "@/lib/tenancy/proxy-routing";
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
  const identity = await currentIdentity();
  const customer = identity?.role === "customer" && identity.tenantId === tenant.id ? identity : null;
  const canHandOff = customer !== null && customDomain !== null && !onCustomDomain;
  const returnTo = safeRedirectPath((await headers()).get(ORIGINAL_PATH_HEADER) ?? undefined, "/");
  return (
    <>
      <nav aria-label="Account" className="mx-auto flex max-w-5xl flex-wrap items-center justify-end gap-x-4 gap-y-2 px-4 pt-3 text-sm sm:px-6">
        {canHandOff ? (
          <a href="/api/auth/handoff" className="underline">
            Continue on {customDomain}
          </a>
        ) : null}
        {customer ? (
          <>
            <span className="text-slate-600" data-testid="signed-in-as">
              Signed in as {customer.name ?? customer.email}
            </span>
            <a href="/my-enquiries" className="underline">
              My enquiries
            </a>
            <SignOutButton />
          </>
        ) : (
          <>
            <a href={`/login?next=${encodeURIComponent(returnTo)}`} className="underline">
              Sign in
            </a>
            <a href="/sign-up" className="underline">
              Create an account
            </a>
          </>
        )}
      </nav>
      {branding.customCss ? <link rel="stylesheet" href={branding.customCss} precedence="default" /> : null}
      {header ? <div className="tenant-custom-header mx-auto max-w-5xl px-4 pt-4 sm:px-6" data-testid="tenant-custom-header" dangerouslySetInnerHTML={{ __html: header }} /> : null}
      {children}
      {footer ? (
        <footer className="tenant-custom-footer mx-auto max-w-5xl border-t border-slate-200 px-4 py-6 sm:px-6" data-testid="tenant-custom-footer" dangerouslySetInnerHTML={{ __html: footer }} />
      ) : null}
      {onCustomDomain && branding.customJs ? <script src={branding.customJs} nonce={nonce} async /> : null}
    </>
  );
}
