import { render, toPlainText } from "@react-email/render";
import type { MailContent } from "@/emails/mail-templates";
import type { MailBrand } from "./mail-brand";
import { sendMail, type SentMail } from "./mailer";

export async function renderMail(content: MailContent): Promise<{ subject: string; html: string; text: string }> {
  const html = await render(content.body);
  return { subject: content.subject, html, text: toPlainText(html) };
}

/**
 * Every templated mail goes out here: sender name = the brand's name (address = MAIL_FROM's), Reply-To
 * the brand's contact, HTML and plain-text parts from one React Email template.
 */
export async function sendBrandedMail(input: { to: string; brand: MailBrand; content: MailContent }): Promise<SentMail> {
  const rendered = await renderMail(input.content);
  return sendMail({ to: input.to, fromName: input.brand.name, replyTo: input.brand.replyTo ?? undefined, ...rendered });
}
