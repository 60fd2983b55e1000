import type { Metadata } from "next";
import { ActivityTable } from "@/components/dashboard/activity-table";
import { PageLinks } from "@/components/data-table/page-links";
import { auditListQuerySchema, findAuditEventsPage } from "@/lib/audit/list-audit-events";
import { listHref, readUrlFilters } from "@/lib/http/read-url-filters";
import { requireStaff } from "@/lib/auth/page-identity";

export const metadata: Metadata = { title: "Activity" };

export default async function ActivityPage({ params, searchParams }: PageProps<"/t/[tenantId]/dashboard/activity">) {
  const { context } = await requireStaff((await params).tenantId, "audit:read");
  const { query } = readUrlFilters(auditListQuerySchema, ["cursor"], await searchParams, { limit: 100 });
  const page = await findAuditEventsPage(context, query);
  const events = page.data;
  return (
    <main className="mx-auto max-w-5xl space-y-6 px-4 py-8 sm:px-6">
      <h1 className="text-2xl font-bold tracking-tight text-slate-900">Activity</h1>
      <ActivityTable events={events.map(({ id, action, actorLabel, target, createdAt }) => ({ id, action, actorEmail: actorLabel, target, createdAt }))} />
      <PageLinks firstHref={query.cursor ? "/dashboard/activity" : null} nextHref={page.nextCursor ? listHref("/dashboard/activity", {}, [], page.nextCursor) : null} />
    </main>
  );
}
