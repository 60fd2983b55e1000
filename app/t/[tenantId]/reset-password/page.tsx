import type { Metadata } from "next";
import { SetPasswordPage } from "@/components/auth/set-password-page";

export const metadata: Metadata = { title: "Choose a password" };

export default async function ResetPasswordPage({ params, searchParams }: PageProps<"/t/[tenantId]/reset-password">) {
  return <SetPasswordPage tenantId={(await params).tenantId} token={(await searchParams).token} />;
}
