import { mkdir, readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { alreadyRegisteredMail, finishSignUpMail, invitationMail, leadAcknowledgementMail, leadReceivedMail, passwordResetMail, type MailContent } from "@/emails/mail-templates";
import { requestPasswordReset } from "@/lib/auth/request-password-reset";
import { sharedDb } from "@/lib/db/shared-client";
import { testDatabase } from "@/lib/testing/database-per-file";
import { seedTenant, type SeededTenant } from "@/lib/testing/seed-tenant";
import { seedUser } from "@/lib/testing/seed-user";
import { tenantMailBrand, type MailBrand } from "./mail-brand";
import { mailFromAddress } from "./mailer";
import { renderMail } from "./send-branded-mail";

async function rawMailsTo(email: string): Promise<string[]> {
  await mkdir(testDatabase.outboxDir, { recursive: true });
  const files = (await readdir(testDatabase.outboxDir)).filter((name) => name.includes(`-${email}-`)).sort();
  return Promise.all(files.map(async (file) => (await readFile(path.join(testDatabase.outboxDir, file), "utf8")).replace(/=\r?\n/g, "").replace(/=3D/g, "=")));
}

/** Every mail a tenant's customer or staff member receives. */
function customerFacingMails(brand: MailBrand): Record<string, MailContent> {
  const link = `${brand.baseUrl}/set-password?token=abc`;
  return {
    passwordReset: passwordResetMail(brand, { email: "dana@example.test", link }),
    invitation: invitationMail(brand, { role: "agent", link }),
    finishSignUp: finishSignUpMail(brand, { link }),
    alreadyRegistered: alreadyRegisteredMail(brand, { signInUrl: `${brand.baseUrl}/login`, resetUrl: `${brand.baseUrl}/forgot-password` }),
    leadReceived: leadReceivedMail(brand, { visitorName: "Vic", visitorEmail: "vic@example.test", visitorPhone: "+44 20 7946 0000", propertyTitle: "12 Elm Row", message: "Is it still free?", link: `${brand.baseUrl}/dashboard/leads` }),
    leadAcknowledgement: leadAcknowledgementMail(brand, { visitorName: "Vic", propertyTitle: "12 Elm Row", message: "Is it still free?" }),
  };
}

describe("tenant-branded mail", () => {
  let acme: SeededTenant;
  let brand: MailBrand;
  const baseUrl = () => `http://${acme.slug}.localhost:3000`;

  beforeAll(async () => {
    acme = await seedTenant();
    await sharedDb().tenantSettings.update({ where: { tenantId: acme.id }, data: { primaryColor: "#0a7d33", logoUrl: "/assets/logo.png" } });
    brand = await tenantMailBrand(acme.id, baseUrl());
  });

  it("loads the tenant's name, colours, absolute logo URL and host", () => {
    expect(brand).toMatchObject({ name: acme.name, primaryColor: "#0a7d33", logoUrl: `${baseUrl()}/assets/logo.png`, baseUrl: baseUrl() });
  });

  it("every customer-facing mail carries the tenant's name, logo, colour and host in HTML and text, and never Asset Anchor", async () => {
    for (const [name, content] of Object.entries(customerFacingMails(brand))) {
      const mail = await renderMail(content);
      expect(mail.subject, name).toContain(acme.name);
      for (const part of [mail.subject, mail.html, mail.text]) expect(part, name).not.toMatch(/asset anchor/i);
      expect(mail.html, name).toContain(acme.name);
      expect(mail.html, name).toContain(`${baseUrl()}/assets/logo.png`);
      expect(mail.html, name).toContain("#0a7d33");
      expect(mail.text, name).toContain(acme.name);
      expect(mail.text, name).toContain(baseUrl().replace(/^https?:\/\//, ""));
    }
  });

  it("a password reset goes out from the tenant's name at the MAIL_FROM address, Reply-To the tenant's owner, with text and HTML parts", async () => {
    const customer = await seedUser(acme.id, "customer");
    await requestPasswordReset({ tenantId: acme.id, email: customer.email, baseUrl: baseUrl(), ip: "198.51.100.9" });
    const mails = await rawMailsTo(customer.email);
    expect(mails).toHaveLength(1);
    const raw = mails[0]!;
    expect(raw).toMatch(new RegExp(`^From: "?${acme.name}"? <${mailFromAddress(process.env.MAIL_FROM ?? "no-reply@asset-anchor.local").replace(/[.]/g, "\\.")}>`, "m"));
    expect(raw).toMatch(new RegExp(`^Reply-To: ${acme.adminEmail}`, "m"));
    expect(raw).toContain(`Subject: Reset your ${acme.name} password`);
    expect(raw).toContain("Content-Type: text/plain");
    expect(raw).toContain("Content-Type: text/html");
    expect(raw).not.toMatch(/asset anchor/i);
    expect(raw).toMatch(new RegExp(`${baseUrl().replace(/[.]/g, "\\.")}/reset-password\\?token=[\\w-]+`));
  });
});
