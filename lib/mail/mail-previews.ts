import { alreadyRegisteredMail, finishSignUpMail, invitationMail, leadAcknowledgementMail, leadReceivedMail, passwordResetMail, type MailContent } from "@/emails/mail-templates";
import type { MailBrand } from "./mail-brand";

/** Every mail a tenant's customers or staff receive, with sample content, for Settings → Mail preview. */
export const MAIL_PREVIEWS = {
  "password-reset": { label: "Password reset", build: (brand: MailBrand) => passwordResetMail(brand, { email: "customer@example.com", link: `${brand.baseUrl}/reset-password?token=preview` }) },
  invitation: { label: "Team invitation", build: (brand: MailBrand) => invitationMail(brand, { role: "agent", link: `${brand.baseUrl}/accept-invite?token=preview` }) },
  "finish-sign-up": { label: "Customer sign-up", build: (brand: MailBrand) => finishSignUpMail(brand, { link: `${brand.baseUrl}/set-password?token=preview` }) },
  "already-registered": { label: "Sign-up with an existing account", build: (brand: MailBrand) => alreadyRegisteredMail(brand, { signInUrl: `${brand.baseUrl}/login`, resetUrl: `${brand.baseUrl}/forgot-password` }) },
  "lead-received": {
    label: "New enquiry (to staff)",
    build: (brand: MailBrand) =>
      leadReceivedMail(brand, { visitorName: "Sam Visitor", visitorEmail: "sam@example.com", visitorPhone: "+44 20 7946 0000", propertyTitle: "Harbour Loft", message: "Is it still available?", link: `${brand.baseUrl}/dashboard/leads` }),
  },
  "lead-acknowledgement": { label: "Enquiry received (to the visitor)", build: (brand: MailBrand) => leadAcknowledgementMail(brand, { visitorName: "Sam Visitor", propertyTitle: "Harbour Loft", message: "Is it still available?" }) },
} as const satisfies Record<string, { label: string; build: (brand: MailBrand) => MailContent }>;

export type MailPreviewName = keyof typeof MAIL_PREVIEWS;
export const MAIL_PREVIEW_NAMES = Object.keys(MAIL_PREVIEWS) as MailPreviewName[];
