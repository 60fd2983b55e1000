import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { SignInForm } from "@/components/auth/sign-in-form";
import { currentIdentity } from "@/lib/auth/page-identity";
import { safeRedirectPath } from "@/lib/http/safe-redirect";
import { requireTenantPage } from "@/lib/tenancy/request-context";

export const metadata: Metadata = { title: "Sign in" };

export default async function TenantLoginPage({ params, searchParams }: PageProps<"/t/[tenantId]/login">) {
  const { tenant } = await requireTenantPage((await params).tenantId);
  const next = safeRedirectPath((await searchParams).next, "/dashboard");
  const identity = await currentIdentity();
  if (identity?.tenantId === tenant.id) redirect(next);
  return (
    <AuthCard title={`Sign in to ${tenant.name}`}>
      <SignInForm redirectTo={next} forgotPasswordHref="/forgot-password" />
    </AuthCard>
  );
}
