import { sendMail, type SentMail } from "@/lib/mail/mailer";

/** A new address: the link that finishes the account by choosing its password. */
export function sendFinishSignUpMail(input: { to: string; tenantName: string; setPasswordUrl: string }): Promise<SentMail> {
  return sendMail({
    to: input.to,
    subject: `Finish creating your ${input.tenantName} account`,
    text: [
      `Someone (we hope you) asked for a ${input.tenantName} account with this address.`,
      ``,
      `Choose your password here to finish it (the link works once, for one hour):`,
      ``,
      input.setPasswordUrl,
      ``,
      `If it was not you, ignore this mail: no account is usable without that link.`,
    ].join("\n"),
  });
}

/** An address that already has an account here: nothing was changed; sign in or reset instead. */
export function sendAlreadyRegisteredMail(input: { to: string; tenantName: string; signInUrl: string; resetUrl: string }): Promise<SentMail> {
  return sendMail({
    to: input.to,
    subject: `Someone tried to create a ${input.tenantName} account with your address`,
    text: [
      `Someone tried to create a ${input.tenantName} account with this address, but you already have one. Nothing was changed.`,
      ``,
      `Sign in: ${input.signInUrl}`,
      `Forgot your password? Reset it: ${input.resetUrl}`,
      ``,
      `If it was not you, ignore this mail.`,
    ].join("\n"),
  });
}
