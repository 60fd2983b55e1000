import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { SignInForm } from "@/components/auth/sign-in-form";
import { currentIdentity } from "@/lib/auth/page-identity";
import { safeRedirectPath } from "@/lib/http/safe-redirect";
import { requireTenantPage } from "@/lib/tenancy/request-context";
import { isCustomDomainHost } from "@/lib/tenancy/resolve-host";
import { tenantBaseUrl } from "@/lib/tenancy/tenant-urls";

export const metadata: Metadata = { title: "Sign in" };

export default async function TenantLoginPage({ params, searchParams }: PageProps<"/t/[tenantId]/login">) {
  const { tenant, host } = await requireTenantPage((await params).tenantId);
  // The custom domain is the portal only: its customers land on the portal, staff sign in on {slug}.<root>.
  const onCustomDomain = isCustomDomainHost(host);
  const next = safeRedirectPath((await searchParams).next, onCustomDomain ? "/my-enquiries" : "/dashboard");
  const identity = await currentIdentity();
  if (identity?.tenantId === tenant.id) redirect(next);
  return (
    <AuthCard title={`Sign in to ${tenant.name}`}>
      <SignInForm redirectTo={next} forgotPasswordHref="/forgot-password" />
      {onCustomDomain ? (
        <p className="mt-4 text-sm text-slate-600">
          Staff sign in at <a href={`${tenantBaseUrl(tenant.slug)}/login`} className="underline">{new URL(tenantBaseUrl(tenant.slug)).host}</a>
        </p>
      ) : null}
    </AuthCard>
  );
}
