import type { Metadata } from "next";
import { AuthCard } from "@/components/auth/auth-card";
import { ForgotPasswordForm } from "@/components/auth/forgot-password-form";
import { forgotPasswordAction } from "@/components/auth/password-actions";
import { requireSurface } from "@/lib/tenancy/require-surface";

export const metadata: Metadata = { title: "Forgot your password? · Asset Anchor admin", robots: { index: false } };

export default async function AdminForgotPasswordPage() {
  await requireSurface("admin");
  return (
    <AuthCard title="Forgot your password?" subtitle="We will mail you a link to choose a new one for the admin console.">
      <ForgotPasswordForm action={forgotPasswordAction} />
    </AuthCard>
  );
}
