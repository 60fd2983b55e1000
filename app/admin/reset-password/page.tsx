import type { Metadata } from "next";
import { SetPasswordPage } from "@/components/auth/set-password-page";
import { requireSurface } from "@/lib/tenancy/require-surface";

export const metadata: Metadata = { title: "Choose a password · Asset Anchor admin", robots: { index: false } };

export default async function AdminResetPasswordPage({ searchParams }: PageProps<"/admin/reset-password">) {
  await requireSurface("admin");
  return <SetPasswordPage workspaceName="Asset Anchor admin" token={(await searchParams).token} />;
}
