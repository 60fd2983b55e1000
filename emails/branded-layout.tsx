import { Body, Button, Container, Head, Heading, Hr, Html, Img, Link, Preview, Section, Text } from "@react-email/components";
import type { ReactNode } from "react";
import type { MailBrand } from "@/lib/mail/mail-brand";

/** The frame of every mail: the brand's logo (or name) in its colours, the content, a footer linking to its site. */
export function BrandedLayout({ brand, preview, heading, children }: { brand: MailBrand; preview: string; heading: string; children: ReactNode }) {
  return (
    <Html lang="en">
      <Head />
      <Preview>{preview}</Preview>
      <Body style={{ backgroundColor: "#f4f4f5", fontFamily: "Helvetica, Arial, sans-serif", margin: 0, padding: "24px 0" }}>
        <Container style={{ backgroundColor: "#ffffff", borderRadius: 8, maxWidth: 560, overflow: "hidden" }}>
          <Section style={{ backgroundColor: brand.secondaryColor, padding: "16px 24px" }}>
            {brand.logoUrl ? (
              <Img src={brand.logoUrl} alt={brand.name} height={40} />
            ) : (
              <Text style={{ color: "#ffffff", fontSize: 20, fontWeight: 700, margin: 0 }}>{brand.name}</Text>
            )}
          </Section>
          <Section style={{ padding: "8px 24px 24px" }}>
            <Heading as="h1" style={{ color: brand.secondaryColor, fontSize: 22 }}>
              {heading}
            </Heading>
            {children}
          </Section>
          <Hr />
          <Section style={{ padding: "0 24px 16px" }}>
            <Text style={{ color: "#71717a", fontSize: 12 }}>
              {brand.name} · <Link href={brand.baseUrl} style={{ color: brand.primaryColor }}>{brand.baseUrl.replace(/^https?:\/\//, "")}</Link>
            </Text>
          </Section>
        </Container>
      </Body>
    </Html>
  );
}

export function Paragraph({ children }: { children: ReactNode }) {
  return <Text style={{ color: "#27272a", fontSize: 15, lineHeight: "24px" }}>{children}</Text>;
}

/** A call-to-action button; the URL is also written out, so the plain-text part carries it. */
export function ActionButton({ brand, href, label }: { brand: MailBrand; href: string; label: string }) {
  return (
    <Section style={{ margin: "16px 0" }}>
      <Button href={href} style={{ backgroundColor: brand.primaryColor, borderRadius: 6, color: "#ffffff", fontWeight: 600, padding: "12px 20px" }}>
        {label}
      </Button>
      <Text style={{ color: "#71717a", fontSize: 12, wordBreak: "break-all" }}>
        Or open this link: <Link href={href} style={{ color: brand.primaryColor }}>{href}</Link>
      </Text>
    </Section>
  );
}
