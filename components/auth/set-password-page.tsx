import { AuthCard } from "@/components/auth/auth-card";
import { SetPasswordForm } from "@/components/auth/set-password-form";
import { setPasswordAction } from "@/app/t/[tenantId]/password-actions";
import { requireTenantPage } from "@/lib/tenancy/request-context";

/** The page behind both the welcome (set-password) and the reset-password links: the token decides which. */
export async function SetPasswordPage({ tenantId, token }: { tenantId: string; token: string | string[] | undefined }) {
  const { tenant } = await requireTenantPage(tenantId);
  return (
    <AuthCard title="Choose a password" subtitle={tenant.name}>
      <SetPasswordForm action={setPasswordAction} token={typeof token === "string" ? token : ""} />
    </AuthCard>
  );
}
