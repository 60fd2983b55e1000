import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { SignInForm } from "@/components/auth/sign-in-form";
import { currentIdentity } from "@/lib/auth/page-identity";
import { safeRedirectPath } from "@/lib/http/safe-redirect";
import { requireSurface } from "@/lib/tenancy/require-surface";

export const metadata: Metadata = { title: "Sign in · Asset Anchor admin" };

export default async function AdminLoginPage({ searchParams }: PageProps<"/admin/login">) {
  await requireSurface("admin");
  const next = safeRedirectPath((await searchParams).next, "/");
  if ((await currentIdentity())?.role === "platform_admin") redirect(next);
  return (
    <AuthCard title="Asset Anchor admin" subtitle="Platform administrators only.">
      <SignInForm redirectTo={next} forgotPasswordHref="/forgot-password" />
    </AuthCard>
  );
}
