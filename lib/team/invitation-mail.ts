import { AppError } from "@/lib/errors/app-error";
import { logger } from "@/lib/log/logger";
import { invitationMail } from "@/emails/mail-templates";
import { tenantMailBrand } from "@/lib/mail/mail-brand";
import { sendBrandedMail } from "@/lib/mail/send-branded-mail";

/**
 * Mails an invitation link; called after the invitation's transaction committed. When sending fails
 * the invitation stays pending, and the answer says so and how to send it again.
 */
export async function mailInvitation(input: { to: string; tenantId: string; role: string; baseUrl: string; token: string }): Promise<void> {
  try {
    const brand = await tenantMailBrand(input.tenantId, input.baseUrl);
    await sendBrandedMail({ to: input.to, brand, content: invitationMail(brand, { role: input.role, link: `${input.baseUrl}/accept-invite?token=${input.token}` }) });
  } catch (error) {
    logger.error({ err: error, to: input.to }, "invitation mail could not be sent");
    throw new AppError({
      code: "unavailable",
      message: `The invitation for ${input.to} is saved, but its email could not be sent. Try "Re-send invitation" on the Team page again later.`,
      cause: error,
    });
  }
}
