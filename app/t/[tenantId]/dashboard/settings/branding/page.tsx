import type { Metadata } from "next";
import { BrandingSettingsForm } from "@/components/settings/branding-settings";
import { requireStaff } from "@/lib/auth/page-identity";
import { TIME_ZONE_NAMES } from "@/lib/branding/branding-schema";
import { customJsAllowed, getBrandingSettings } from "@/lib/branding/get-branding";
import { saveBrandingAction } from "./actions";

export const metadata: Metadata = { title: "Branding" };

export default async function BrandingSettingsPage({ params }: PageProps<"/t/[tenantId]/dashboard/settings/branding">) {
  const { context } = await requireStaff((await params).tenantId, "settings:edit");
  const [{ featureFlags: _platformControlled, ...settings }, jsAllowed] = await Promise.all([
    getBrandingSettings(context.tenant.id),
    customJsAllowed(context.tenant.id),
  ]);
  return (
    <main className="mx-auto max-w-5xl px-4 py-8 sm:px-6">
      <h1 className="text-2xl font-bold tracking-tight text-slate-900">Branding</h1>
      <p className="mt-1 text-sm text-slate-600">
        How your portal and workspace look to your customers and staff. <a href="/dashboard/settings/mail" className="underline">Preview your mails</a>
      </p>
      <div className="mt-6">
        <BrandingSettingsForm tenantName={context.tenant.name} initial={settings} customJsAllowed={jsAllowed} timeZones={TIME_ZONE_NAMES} save={saveBrandingAction} />
      </div>
    </main>
  );
}
