import { AppError } from "@/lib/errors/app-error";
import { logger } from "@/lib/log/logger";
import { sendMail } from "@/lib/mail/mailer";

/**
 * Mails an invitation link; called after the invitation's transaction committed. When sending fails
 * the invitation stays pending, and the answer says so and how to send it again.
 */
export async function mailInvitation(input: { to: string; tenantName: string; role: string; baseUrl: string; token: string }): Promise<void> {
  try {
    await sendMail({
      to: input.to,
      subject: `You are invited to ${input.tenantName} on Asset Anchor`,
      text: `You have been invited to join ${input.tenantName} as ${input.role}.\n\nAccept and choose your password here (the link works once, for 7 days):\n\n${input.baseUrl}/accept-invite?token=${input.token}\n`,
    });
  } catch (error) {
    logger.error({ err: error, to: input.to }, "invitation mail could not be sent");
    throw new AppError({
      code: "unavailable",
      message: `The invitation for ${input.to} is saved, but its email could not be sent. Try "Re-send invitation" on the Team page again later.`,
      cause: error,
    });
  }
}
