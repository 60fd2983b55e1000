import type { Metadata } from "next";
import { SetPasswordPage } from "@/components/auth/set-password-page";
import { requireTenantPage } from "@/lib/tenancy/request-context";

export const metadata: Metadata = { title: "Choose a password" };

export default async function ResetPasswordPage({ params, searchParams }: PageProps<"/t/[tenantId]/reset-password">) {
  const { tenant } = await requireTenantPage((await params).tenantId);
  return <SetPasswordPage workspaceName={tenant.name} token={(await searchParams).token} />;
}
