import { sendMail, type SentMail } from "./mailer";

export function sendWelcomeMail(input: { to: string; tenantName: string; setPasswordUrl: string }): Promise<SentMail> {
  return sendMail({
    to: input.to,
    subject: `Your ${input.tenantName} workspace on Asset Anchor is ready`,
    text: [
      `Welcome to Asset Anchor.`,
      ``,
      `The workspace "${input.tenantName}" has been created and you are its owner.`,
      `Choose your password here (the link works once, for one hour):`,
      ``,
      input.setPasswordUrl,
    ].join("\n"),
  });
}
