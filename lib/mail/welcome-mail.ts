import { workspaceReadyMail } from "@/emails/mail-templates";
import { platformMailBrand } from "./mail-brand";
import type { SentMail } from "./mailer";
import { sendBrandedMail } from "./send-branded-mail";

/** Platform → the new owner of a workspace: this one may say Asset Anchor. */
export function sendWelcomeMail(input: { to: string; tenantName: string; setPasswordUrl: string }): Promise<SentMail> {
  const baseUrl = new URL(input.setPasswordUrl).origin;
  return sendBrandedMail({ to: input.to, brand: platformMailBrand(baseUrl), content: workspaceReadyMail(platformMailBrand(baseUrl), { tenantName: input.tenantName, link: input.setPasswordUrl }) });
}
