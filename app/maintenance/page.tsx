import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getBranding } from "@/lib/branding/get-branding";
import { formatDateTime } from "@/lib/format/format-date";
import { maintenanceMessage } from "@/lib/maintenance/maintenance-answer";
import { getRequestContext } from "@/lib/tenancy/request-context";

export const metadata: Metadata = { title: "Down for maintenance" };

/** proxy.ts sends the page requests of a tenant in maintenance here with status 503; any other host gets a 404. */
export default async function MaintenancePage() {
  const context = await getRequestContext();
  const maintenance = context.surface === "tenant" ? context.tenant?.maintenance : null;
  if (!context.tenant || !maintenance) notFound();
  const branding = await getBranding(context.tenant);
  return (
    <main className="flex min-h-screen items-center justify-center px-6 py-16" data-testid="maintenance-page">
      <div className="w-full max-w-md text-center">
        {branding.logo ? (
          // Tenant logos are https URLs or their own /assets files (served during maintenance too).
          // eslint-disable-next-line @next/next/no-img-element
          <img src={branding.logo} alt={`${branding.name} logo`} className="mx-auto mb-6 h-10 w-auto" />
        ) : null}
        <p className="text-sm font-semibold tracking-widest" style={{ color: branding.primaryColor }}>
          {branding.name}
        </p>
        <h1 className="mt-2 text-3xl font-bold tracking-tight text-slate-900">Down for maintenance</h1>
        <div className="mt-4 space-y-3 text-base text-slate-600">
          <p data-testid="maintenance-message">{maintenanceMessage(context.tenant, maintenance)}</p>
          <p data-testid="maintenance-until">
            {maintenance.until
              ? `Expected back by ${formatDateTime(maintenance.until, branding)} (${branding.timezone}).`
              : "We will be back shortly."}
          </p>
        </div>
      </div>
    </main>
  );
}
