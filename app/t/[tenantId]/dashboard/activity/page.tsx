import type { Metadata } from "next";
import { ActivityTable } from "@/components/dashboard/activity-table";
import { PageLinks } from "@/components/data-table/page-links";
import { FormAlert } from "@/components/forms/form-alert";
import { DateRangeFields } from "@/components/forms/date-range-fields";
import { AUDIT_KIND_LABELS, AUDIT_KINDS } from "@/lib/audit/audit-events";
import { AUDIT_FILTER_FIELDS, auditListQuerySchema, findAuditEventsPage, listAuditActors } from "@/lib/audit/list-audit-events";
import { requireStaff } from "@/lib/auth/page-identity";
import { listHref, readUrlFilters } from "@/lib/http/read-url-filters";

export const metadata: Metadata = { title: "Activity" };

const field = "mt-1 rounded-md border border-slate-300 px-2 py-1.5";

export default async function ActivityPage({ params, searchParams }: PageProps<"/t/[tenantId]/dashboard/activity">) {
  const { context } = await requireStaff((await params).tenantId, "audit:read");
  const { query, ignored } = readUrlFilters(auditListQuerySchema, [...AUDIT_FILTER_FIELDS, "cursor"], await searchParams, { limit: 100 });
  const [page, actors] = await Promise.all([findAuditEventsPage(context, query), listAuditActors(context)]);
  const exportHref = listHref("/api/v1/audit/export", query, AUDIT_FILTER_FIELDS);
  return (
    <main className="mx-auto max-w-5xl space-y-6 px-4 py-8 sm:px-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-bold tracking-tight text-slate-900">Activity</h1>
        <a href={exportHref} download className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-50">
          Export CSV
        </a>
      </div>
      <form className="flex flex-wrap items-end gap-3 text-sm" aria-label="Filter activity">
        <label>
          <span className="block font-medium text-slate-700">Kind</span>
          <select name="kind" defaultValue={query.kind ?? ""} className={field}>
            <option value="">any</option>
            {AUDIT_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {AUDIT_KIND_LABELS[kind]}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span className="block font-medium text-slate-700">Who</span>
          <select name="actor" defaultValue={query.actor ?? ""} className={field}>
            <option value="">anyone</option>
            {actors.map((actor) => (
              <option key={actor.id} value={actor.id}>
                {actor.name}
              </option>
            ))}
          </select>
        </label>
        <DateRangeFields from={query.from} to={query.to} inputClassName={field} />
        {query.action ? <input type="hidden" name="action" value={query.action} /> : null}
        <button type="submit" className="rounded-md border border-slate-300 bg-white px-3 py-1.5 font-medium hover:bg-slate-50">
          Filter
        </button>
      </form>
      {ignored.length > 0 ? (
        <FormAlert message={`Ignored invalid filter${ignored.length === 1 ? "" : "s"}: ${ignored.map(({ field: name, message }) => `${name} (${message})`).join(", ")}.`} />
      ) : null}
      <ActivityTable events={page.data.map(({ id, action, label, href, actorName, createdAt }) => ({ id, action, label, href, actorName, createdAt }))} />
      <PageLinks
        firstHref={query.cursor ? listHref("/dashboard/activity", query, AUDIT_FILTER_FIELDS) : null}
        nextHref={page.nextCursor ? listHref("/dashboard/activity", query, AUDIT_FILTER_FIELDS, page.nextCursor) : null}
      />
    </main>
  );
}
