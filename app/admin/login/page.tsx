import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { SignInForm } from "@/components/auth/sign-in-form";
import { currentIdentity } from "@/lib/auth/page-identity";
import { requireSurface } from "@/lib/tenancy/require-surface";

export const metadata: Metadata = { title: "Sign in · Asset Anchor admin" };

export default async function AdminLoginPage() {
  await requireSurface("admin");
  if ((await currentIdentity())?.role === "platform_admin") redirect("/");
  return (
    <AuthCard title="Asset Anchor admin" subtitle="Platform administrators only.">
      <SignInForm redirectTo="/" forgotPasswordHref="/forgot-password" />
    </AuthCard>
  );
}
