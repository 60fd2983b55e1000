import type { Metadata } from "next";
import { SetPasswordPage } from "@/components/auth/set-password-page";
import { requireTenantPage } from "@/lib/tenancy/request-context";

export const metadata: Metadata = { title: "Accept your invitation" };

export default async function AcceptInvitePage({ params, searchParams }: PageProps<"/t/[tenantId]/accept-invite">) {
  const { tenant } = await requireTenantPage((await params).tenantId);
  return <SetPasswordPage workspaceName={tenant.name} token={(await searchParams).token} />;
}
