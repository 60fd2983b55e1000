import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import nodemailer, { type Transporter } from "nodemailer";
import { env } from "@/lib/env/env";
import { logger } from "@/lib/log/logger";

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** Display name of the sender; the address is always MAIL_FROM's (a per-tenant sender domain is an option, docs/mail.md). */
  fromName?: string;
  replyTo?: string;
}

export interface SentMail {
  messageId: string;
  outboxFile?: string;
}

let transporter: Transporter | undefined;

function transport(): Transporter {
  const { SMTP_URL } = env();
  transporter ??= SMTP_URL
    ? nodemailer.createTransport(SMTP_URL)
    : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });
  return transporter;
}

/** The bare address of MAIL_FROM ("Name <a@b>" or "a@b"). */
export function mailFromAddress(mailFrom: string): string {
  return /<([^>]+)>/.exec(mailFrom)?.[1] ?? mailFrom.trim();
}

/** Sends through SMTP_URL, or without it writes an .eml file to MAIL_OUTBOX_DIR (dev and tests). */
export async function sendMail(mail: OutgoingMail): Promise<SentMail> {
  const { MAIL_FROM, SMTP_URL, MAIL_OUTBOX_DIR } = env();
  const { fromName, ...message } = mail;
  const info = await transport().sendMail({ from: fromName ? { name: fromName, address: mailFromAddress(MAIL_FROM) } : MAIL_FROM, ...message });
  if (SMTP_URL) return { messageId: info.messageId };

  const outbox = path.resolve(MAIL_OUTBOX_DIR);
  await mkdir(outbox, { recursive: true });
  const safeRecipient = mail.to.replace(/[^a-zA-Z0-9@._-]/g, "_");
  const outboxFile = path.join(outbox, `${Date.now()}-${safeRecipient}-${info.messageId.replace(/[<>@]/g, "")}.eml`);
  await writeFile(outboxFile, info.message as Buffer);
  logger.info({ to: mail.to, subject: mail.subject, outboxFile }, "mail written to outbox");
  return { messageId: info.messageId, outboxFile };
}
