import { alreadyRegisteredMail, finishSignUpMail } from "@/emails/mail-templates";
import { tenantMailBrand } from "@/lib/mail/mail-brand";
import type { SentMail } from "@/lib/mail/mailer";
import { sendBrandedMail } from "@/lib/mail/send-branded-mail";

/** A new address: the link that finishes the account by choosing its password. */
export async function sendFinishSignUpMail(input: { to: string; tenantId: string; setPasswordUrl: string }): Promise<SentMail> {
  const brand = await tenantMailBrand(input.tenantId, new URL(input.setPasswordUrl).origin);
  return sendBrandedMail({ to: input.to, brand, content: finishSignUpMail(brand, { link: input.setPasswordUrl }) });
}

/** An address that already has an account here: nothing was changed; sign in or reset instead. */
export async function sendAlreadyRegisteredMail(input: { to: string; tenantId: string; signInUrl: string; resetUrl: string }): Promise<SentMail> {
  const brand = await tenantMailBrand(input.tenantId, new URL(input.signInUrl).origin);
  return sendBrandedMail({ to: input.to, brand, content: alreadyRegisteredMail(brand, { signInUrl: input.signInUrl, resetUrl: input.resetUrl }) });
}
