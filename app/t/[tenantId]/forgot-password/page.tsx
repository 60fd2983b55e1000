import type { Metadata } from "next";
import { AuthCard } from "@/components/auth/auth-card";
import { ForgotPasswordForm } from "@/components/auth/forgot-password-form";
import { forgotPasswordAction } from "@/components/auth/password-actions";
import { requireTenantPage } from "@/lib/tenancy/request-context";

export const metadata: Metadata = { title: "Forgot your password?" };

export default async function ForgotPasswordPage({ params }: PageProps<"/t/[tenantId]/forgot-password">) {
  const { tenant } = await requireTenantPage((await params).tenantId);
  return (
    <AuthCard title="Forgot your password?" subtitle={`We will mail you a link to choose a new one for ${tenant.name}.`}>
      <ForgotPasswordForm action={forgotPasswordAction} />
    </AuthCard>
  );
}
