import type { Metadata } from "next";
import { AuthCard } from "@/components/auth/auth-card";
import { SetPasswordForm } from "@/components/auth/set-password-form";
import { requireTenantPage } from "@/lib/tenancy/request-context";
import { setPasswordAction } from "../password-actions";

export const metadata: Metadata = { title: "Choose a password" };

export default async function SetPasswordPage({ params, searchParams }: PageProps<"/t/[tenantId]/set-password">) {
  const { tenant } = await requireTenantPage((await params).tenantId);
  const token = (await searchParams).token;
  return (
    <AuthCard title="Choose a password" subtitle={tenant.name}>
      <SetPasswordForm action={setPasswordAction} token={typeof token === "string" ? token : ""} />
    </AuthCard>
  );
}
