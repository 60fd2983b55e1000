import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { appPool, inTransaction, platformPool } from "@/lib/db/pools";
import { sharedDbFor } from "@/lib/db/shared-client";
import { sendMail } from "@/lib/mail/mailer";
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
  await sendMail({
    to: user.email,
    subject: "Reset your Asset Anchor password",
    text: `Someone asked to reset the password of ${user.email}.\n\nChoose a new password here (the link works once, for one hour):\n\n${link}\n\nIf it was not you, ignore this mail.`,
  });
  await recordAuditEvent({ tenantId: input.tenantId, actorUserId: user.id, action: "auth.password_reset_requested", target: user.email, ip: input.ip });
}
