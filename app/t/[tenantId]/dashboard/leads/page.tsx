import type { Metadata } from "next";
import { MarkLeadHandledButton } from "@/components/dashboard/mark-lead-handled-button";
import { requireStaff } from "@/lib/auth/page-identity";
import { can } from "@/lib/auth/permissions";
import { getBranding } from "@/lib/branding/get-branding";
import { formatDateTime } from "@/lib/format/format-date";
import { listLeads } from "@/lib/leads/list-leads";
import { listPropertyNames } from "@/lib/properties/list-property-names";
import { runWithContext } from "@/lib/tenancy/context";
import { markLeadHandledAction } from "./actions";

export const metadata: Metadata = { title: "Leads" };

export default async function LeadsPage({ params }: PageProps<"/t/[tenantId]/dashboard/leads">) {
  const { context, identity } = await requireStaff((await params).tenantId, "lead:read", "/dashboard/leads");
  const [leads, propertyNames, branding] = await runWithContext(context, async () => {
    const leads = await listLeads(context, { limit: 100 });
    return Promise.all([leads, listPropertyNames(context, leads.map((lead) => lead.propertyId)), getBranding(context.tenant)]);
  });
  const mayManage = can(identity.role, "lead:manage");
  return (
    <main className="mx-auto max-w-5xl space-y-6 px-4 py-8 sm:px-6">
      <h1 className="text-2xl font-bold tracking-tight text-slate-900">Leads</h1>
      {leads.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white px-6 py-10 text-center text-sm text-slate-600">
          No enquiries yet. They arrive here when visitors enquire about a published property on your portal.
        </p>
      ) : (
        <ul className="space-y-3" aria-label="Leads">
          {leads.map((lead) => (
            <li key={lead.id} data-testid="lead" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
              <div className="flex flex-wrap items-start justify-between gap-2">
                <div>
                  <p className="font-semibold text-slate-900">
                    {lead.name} <span className="font-normal text-slate-600">&lt;{lead.email}&gt;</span>
                  </p>
                  <p className="text-sm text-slate-600">
                    {lead.propertyId ? (propertyNames[lead.propertyId] ?? "A property") : "A removed property"} · {formatDateTime(lead.createdAt, branding)}
                  </p>
                </div>
                <div className="flex items-center gap-2">
                  <span data-testid="lead-status" className="rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium">
                    {lead.status}
                  </span>
                  {mayManage && lead.status === "new" ? <MarkLeadHandledButton id={lead.id} action={markLeadHandledAction} /> : null}
                </div>
              </div>
              <p className="mt-2 whitespace-pre-line text-sm text-slate-800">{lead.message}</p>
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
