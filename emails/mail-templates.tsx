import type { ReactElement } from "react";
import type { MailBrand } from "@/lib/mail/mail-brand";
import { ActionButton, BrandedLayout, Paragraph } from "./branded-layout";

/** A rendered-to-be mail: its subject and React Email body; lib/mail/send-branded-mail.ts renders HTML and text. */
export interface MailContent {
  subject: string;
  body: ReactElement;
}

export function passwordResetMail(brand: MailBrand, input: { email: string; link: string }): MailContent {
  const subject = `Reset your ${brand.name} password`;
  return {
    subject,
    body: (
      <BrandedLayout brand={brand} preview={subject} heading={subject}>
        <Paragraph>Someone asked to reset the password of {input.email} at {brand.name}.</Paragraph>
        <ActionButton brand={brand} href={input.link} label="Choose a new password" />
        <Paragraph>The link works once, for one hour. If it was not you, ignore this mail.</Paragraph>
      </BrandedLayout>
    ),
  };
}

export function invitationMail(brand: MailBrand, input: { role: string; link: string }): MailContent {
  const subject = `You are invited to join ${brand.name}`;
  return {
    subject,
    body: (
      <BrandedLayout brand={brand} preview={subject} heading={subject}>
        <Paragraph>You have been invited to join {brand.name} as {input.role}.</Paragraph>
        <ActionButton brand={brand} href={input.link} label="Accept and choose a password" />
        <Paragraph>The link works once, for 7 days.</Paragraph>
      </BrandedLayout>
    ),
  };
}

export function finishSignUpMail(brand: MailBrand, input: { link: string }): MailContent {
  const subject = `Finish creating your ${brand.name} account`;
  return {
    subject,
    body: (
      <BrandedLayout brand={brand} preview={subject} heading={subject}>
        <Paragraph>Someone (we hope you) asked for a {brand.name} account with this address.</Paragraph>
        <ActionButton brand={brand} href={input.link} label="Choose your password" />
        <Paragraph>The link works once, for one hour. If it was not you, ignore this mail: no account is usable without that link.</Paragraph>
      </BrandedLayout>
    ),
  };
}

export function alreadyRegisteredMail(brand: MailBrand, input: { signInUrl: string; resetUrl: string }): MailContent {
  const subject = `Someone tried to create a ${brand.name} account with your address`;
  return {
    subject,
    body: (
      <BrandedLayout brand={brand} preview={subject} heading="You already have an account">
        <Paragraph>Someone tried to create a {brand.name} account with this address, but you already have one. Nothing was changed.</Paragraph>
        <ActionButton brand={brand} href={input.signInUrl} label="Sign in" />
        <Paragraph>Forgot your password? Reset it: {input.resetUrl}</Paragraph>
        <Paragraph>If it was not you, ignore this mail.</Paragraph>
      </BrandedLayout>
    ),
  };
}

/** Platform → new owner: may say Asset Anchor (brand is the platform's). */
export function workspaceReadyMail(brand: MailBrand, input: { tenantName: string; link: string }): MailContent {
  const subject = `Your ${input.tenantName} workspace is ready`;
  return {
    subject,
    body: (
      <BrandedLayout brand={brand} preview={subject} heading={subject}>
        <Paragraph>The workspace “{input.tenantName}” has been created on {brand.name} and you are its owner.</Paragraph>
        <ActionButton brand={brand} href={input.link} label="Choose your password" />
        <Paragraph>The link works once, for one hour.</Paragraph>
      </BrandedLayout>
    ),
  };
}

/** Platform → whoever asked "find my workspace" on the apex: the workspaces where the address is staff. */
export function workspaceLinksMail(brand: MailBrand, input: { email: string; workspaces: Array<{ name: string; signInUrl: string }>; signUpUrl: string | null }): MailContent {
  const subject = `Your ${brand.name} workspaces`;
  return {
    subject,
    body: (
      <BrandedLayout brand={brand} preview={subject} heading={input.workspaces.length > 0 ? "Where to sign in" : "No workspace found"}>
        {input.workspaces.length > 0 ? (
          <>
            <Paragraph>{input.email} is a member of {input.workspaces.length === 1 ? "this workspace" : "these workspaces"}:</Paragraph>
            {input.workspaces.map((workspace) => (
              <Paragraph key={workspace.signInUrl}>
                {workspace.name}: <a href={workspace.signInUrl}>{workspace.signInUrl}</a>
              </Paragraph>
            ))}
          </>
        ) : (
          <Paragraph>
            Someone asked which workspaces {input.email} belongs to, and it is not a member of any. If you are a client of an agency, use the
            address your agency gave you.{input.signUpUrl ? ` To create a workspace of your own: ${input.signUpUrl}` : ""}
          </Paragraph>
        )}
        <Paragraph>If you did not ask for this, ignore this mail.</Paragraph>
      </BrandedLayout>
    ),
  };
}

/** Platform → tenant owners about their custom domain. */
export function domainUnverifiedMail(brand: MailBrand, input: { tenantName: string; domain: string; reason: string }): MailContent {
  const subject = `${input.domain} no longer serves your ${input.tenantName} portal`;
  return {
    subject,
    body: (
      <BrandedLayout brand={brand} preview={subject} heading={subject}>
        <Paragraph>We could no longer confirm that you control {input.domain} ({input.reason}), so it has stopped serving your portal.</Paragraph>
        <Paragraph>To restore it, recreate the DNS records shown in Settings → Domain and press Verify.</Paragraph>
        <ActionButton brand={brand} href={`${brand.baseUrl}/dashboard/settings`} label="Open settings" />
      </BrandedLayout>
    ),
  };
}

export function leadReceivedMail(brand: MailBrand, input: { visitorName: string; visitorEmail: string; visitorPhone: string | null; propertyTitle: string | null; message: string; link: string }): MailContent {
  const subject = `${brand.name}: new enquiry from ${input.visitorName}${input.propertyTitle ? ` about ${input.propertyTitle}` : ""}`;
  return {
    subject,
    body: (
      <BrandedLayout brand={brand} preview={subject} heading="New enquiry">
        <Paragraph>
          {input.visitorName} ({input.visitorEmail}
          {input.visitorPhone ? `, ${input.visitorPhone}` : ""}) sent an enquiry to {brand.name}
          {input.propertyTitle ? ` about ${input.propertyTitle}` : ""}:
        </Paragraph>
        <Paragraph>{input.message}</Paragraph>
        <ActionButton brand={brand} href={input.link} label="Open the lead" />
      </BrandedLayout>
    ),
  };
}

export function leadAcknowledgementMail(brand: MailBrand, input: { visitorName: string; propertyTitle: string | null; message: string }): MailContent {
  const subject = `${brand.name} received your enquiry`;
  return {
    subject,
    body: (
      <BrandedLayout brand={brand} preview={subject} heading={`Thank you, ${input.visitorName}`}>
        <Paragraph>
          {brand.name} received your enquiry{input.propertyTitle ? ` about ${input.propertyTitle}` : ""} and will reply soon. Your message:
        </Paragraph>
        <Paragraph>{input.message}</Paragraph>
        <ActionButton brand={brand} href={brand.baseUrl} label={`Visit ${brand.name}`} />
      </BrandedLayout>
    ),
  };
}
