import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { appPool, inTransaction, platformPool } from "@/lib/db/pools";
import { sharedDbFor } from "@/lib/db/shared-client";
import { passwordResetMail } from "@/emails/mail-templates";
import { platformMailBrand, tenantMailBrand } from "@/lib/mail/mail-brand";
import { sendBrandedMail } from "@/lib/mail/send-branded-mail";
import { emailSchema } from "@/lib/tenants/tenant-input";
import { issuePasswordToken } from "./password-token";

/**
 * Mails a reset link if the account exists; says nothing either way, so the form cannot be used to
 * find out who has an account.
 */
export async function requestPasswordReset(input: { tenantId: string | null; email: string; baseUrl: string; ip: string }): Promise<void> {
  const email = emailSchema.safeParse(input.email);
  if (!email.success) return;
  const user = await sharedDbFor(input.tenantId).user.findFirst({ where: { tenantId: input.tenantId, email: email.data, status: { not: "disabled" } } });
  if (!user) return;
  const { token } = await inTransaction(input.tenantId ? appPool() : platformPool(), (client) => issuePasswordToken(client, user.id, "reset_password"), input.tenantId);
  const link = `${input.baseUrl}/reset-password?token=${token}`;
  const brand = input.tenantId ? await tenantMailBrand(input.tenantId, input.baseUrl) : platformMailBrand(input.baseUrl);
  await sendBrandedMail({ to: user.email, brand, content: passwordResetMail(brand, { email: user.email, link }) });
  await recordAuditEvent({ tenantId: input.tenantId, actorUserId: user.id, action: "auth.password_reset_requested", target: user.email, ip: input.ip });
}
