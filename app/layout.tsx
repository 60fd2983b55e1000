import type { Metadata, Viewport } from "next";
import type { CSSProperties, ReactNode } from "react";
import { brandingForRequest } from "@/lib/branding/request-branding";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Asset Anchor", template: "%s" },
  description: "Property management for real-estate agencies, under their own brand.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: ReactNode }) {
  // A tenant's colours go into the first HTML, so the page never flashes the default brand.
  const branding = await brandingForRequest();
  const brandColours = branding
    ? ({ "--primary-color": branding.primaryColor, "--secondary-color": branding.secondaryColor } as CSSProperties)
    : undefined;
  return (
    <html lang="en" style={brandColours} data-theme={branding?.theme ?? "light"}>
      <body className="min-h-screen bg-slate-50 font-sans text-slate-900 antialiased">{children}</body>
    </html>
  );
}
