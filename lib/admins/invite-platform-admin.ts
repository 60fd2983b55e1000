import { z } from "zod";
import { invitationMail } from "@/emails/mail-templates";
import { issuePasswordToken } from "@/lib/auth/password-token";
import { inTransaction, platformPool } from "@/lib/db/pools";
import { AppError } from "@/lib/errors/app-error";
import { logger } from "@/lib/log/logger";
import { platformMailBrand } from "@/lib/mail/mail-brand";
import { sendBrandedMail } from "@/lib/mail/send-branded-mail";
import { adminBaseUrl } from "@/lib/tenancy/tenant-urls";
import { emailSchema } from "@/lib/tenants/tenant-input";

export const invitePlatformAdminSchema = z.strictObject({ email: emailSchema });

/**
 * Invites a platform admin by mail (the console's "Add admin"): an invited user without a password and a
 * one-week link to the admin host's set-password page, which activates them. A removed admin is invited
 * again the same way; an active or already invited one is a conflict.
 */
export async function invitePlatformAdmin(rawInput: z.input<typeof invitePlatformAdminSchema>): Promise<{ id: string; email: string; status: "invited" }> {
  const parsed = invitePlatformAdminSchema.safeParse(rawInput);
  if (!parsed.success) throw AppError.fromZod(parsed.error, "Admin not invited");
  const { email } = parsed.data;
  const { id, token } = await inTransaction(
    platformPool(),
    async (client) => {
      const existing = await client.query<{ id: string; status: string; role: string }>("SELECT id, status, role FROM public.users WHERE tenant_id IS NULL AND email = $1 FOR UPDATE", [email]);
      const found = existing.rows[0];
      if (found && found.status !== "disabled") {
        throw new AppError({ code: "conflict", message: `${email} is already a platform admin (${found.status})`, fieldErrors: { email: [`Already ${found.status}`] } });
      }
      const userId = found
        ? (await client.query<{ id: string }>("UPDATE public.users SET status = 'invited', role = 'platform_admin', password_hash = NULL, session_version = session_version + 1, updated_at = now() WHERE id = $1 RETURNING id", [found.id])).rows[0]!.id
        : (await client.query<{ id: string }>("INSERT INTO public.users (tenant_id, email, role, status) VALUES (NULL, $1, 'platform_admin', 'invited') RETURNING id", [email])).rows[0]!.id;
      const issued = await issuePasswordToken(client, userId, "invite");
      return { id: userId, token: issued.token };
    },
    null,
  );
  const baseUrl = adminBaseUrl();
  const brand = platformMailBrand(baseUrl);
  try {
    await sendBrandedMail({ to: email, brand, content: invitationMail(brand, { role: "platform administrator", link: `${baseUrl}/reset-password?token=${token}` }) });
  } catch (error) {
    logger.error({ err: error, to: email }, "platform admin invitation mail could not be sent");
    throw new AppError({ code: "unavailable", message: `${email} is invited, but the mail could not be sent. Remove them and add them again later.`, cause: error });
  }
  return { id, email, status: "invited" };
}
