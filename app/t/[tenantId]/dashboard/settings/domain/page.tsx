import type { Metadata } from "next";
import { DomainSettings } from "@/components/settings/domain-settings";
import { requireStaff } from "@/lib/auth/page-identity";
import { getCustomDomain } from "@/lib/domains/get-custom-domain";
import { env } from "@/lib/env/env";
import { addDomainAction, removeDomainAction, verifyDomainAction } from "./actions";

export const metadata: Metadata = { title: "Domain" };

export default async function DomainSettingsPage({ params }: PageProps<"/t/[tenantId]/dashboard/settings/domain">) {
  const { context } = await requireStaff((await params).tenantId, "domain:manage");
  const status = await getCustomDomain(context.tenant.id);
  return (
    <main className="mx-auto max-w-5xl px-4 py-8 sm:px-6">
      <h1 className="text-2xl font-bold tracking-tight text-slate-900">Custom domain</h1>
      <p className="mt-1 max-w-2xl text-sm text-slate-600">
        Serve your customer portal on your own domain. We check a TXT record to confirm the domain is yours, and keep checking it. The
        domain serves the portal only (and is the only place your custom JavaScript runs); the dashboard and staff sign-in stay here.
      </p>
      <div className="mt-6">
        <DomainSettings
          status={status}
          actions={{ add: addDomainAction, verify: verifyDomainAction, remove: removeDomainAction }}
          portalOrigin={{ protocol: env().APP_PROTOCOL, port: env().APP_ROOT_DOMAIN.split(":")[1] ?? "" }}
        />
      </div>
    </main>
  );
}
