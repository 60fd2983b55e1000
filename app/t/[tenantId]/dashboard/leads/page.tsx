import type { Metadata } from "next";
import { MarkLeadHandledButton } from "@/components/dashboard/mark-lead-handled-button";
import { requireStaff } from "@/lib/auth/page-identity";
import { can } from "@/lib/auth/permissions";
import { getBranding } from "@/lib/branding/get-branding";
import { formatDateTime } from "@/lib/format/format-date";
import { findLeadsPage } from "@/lib/leads/list-leads";
import { leadListQuerySchema } from "@/lib/leads/lead-schema";
import { PageLinks } from "@/components/data-table/page-links";
import { listHref, readUrlFilters } from "@/lib/http/read-url-filters";
import { listPropertyNames } from "@/lib/properties/list-property-names";
import { runWithContext } from "@/lib/tenancy/context";
import { markLeadHandledAction } from "./actions";

export const metadata: Metadata = { title: "Leads" };

const FILTER_NAMES = ["status"] as const;

export default async function LeadsPage({ params, searchParams }: PageProps<"/t/[tenantId]/dashboard/leads">) {
  const { context, identity } = await requireStaff((await params).tenantId, "lead:read");
  const { query } = readUrlFilters(leadListQuerySchema, [...FILTER_NAMES, "cursor"], await searchParams, { limit: 50 });
  const [page, propertyNames, branding] = await runWithContext(context, async () => {
    const page = await findLeadsPage(context, query);
    return Promise.all([page, listPropertyNames(context, page.data.map((lead) => lead.propertyId)), getBranding(context.tenant)]);
  });
  const leads = page.data;
  const mayManage = can(identity.role, "lead:manage");
  return (
    <main className="mx-auto max-w-5xl space-y-6 px-4 py-8 sm:px-6">
      <h1 className="text-2xl font-bold tracking-tight text-slate-900">Leads</h1>
      <nav aria-label="Lead status" className="flex gap-2 text-sm">
        {[
          { label: "All", status: undefined },
          { label: "New", status: "new" as const },
          { label: "Handled", status: "handled" as const },
        ].map((option) => (
          <a
            key={option.label}
            href={listHref("/dashboard/leads", { status: option.status }, FILTER_NAMES)}
            aria-current={query.status === option.status ? "page" : undefined}
            className="rounded-full border border-slate-300 px-3 py-1 font-medium text-slate-700 aria-[current=page]:border-slate-900 aria-[current=page]:bg-slate-900 aria-[current=page]:text-white"
          >
            {option.label}
          </a>
        ))}
      </nav>
      {leads.length === 0 && query.status ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white px-6 py-10 text-center text-sm text-slate-600">No {query.status} leads.</p>
      ) : leads.length === 0 ? (
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
      <PageLinks
        firstHref={query.cursor ? listHref("/dashboard/leads", query, FILTER_NAMES) : null}
        nextHref={page.nextCursor ? listHref("/dashboard/leads", query, FILTER_NAMES, page.nextCursor) : null}
      />
    </main>
  );
}
