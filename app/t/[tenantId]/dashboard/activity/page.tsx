import type { Metadata } from "next";
import { listAuditEvents } from "@/lib/audit/list-audit-events";
import { requireStaff } from "@/lib/auth/page-identity";
import { getBranding } from "@/lib/branding/get-branding";
import { formatDateTime } from "@/lib/format/format-date";

export const metadata: Metadata = { title: "Activity" };

export default async function ActivityPage({ params }: PageProps<"/t/[tenantId]/dashboard/activity">) {
  const { context } = await requireStaff((await params).tenantId, "audit:read", "/dashboard/activity");
  const [events, branding] = await Promise.all([listAuditEvents(context, { limit: 100 }), getBranding(context.tenant)]);
  return (
    <main className="mx-auto max-w-5xl space-y-6 px-4 py-8 sm:px-6">
      <h1 className="text-2xl font-bold tracking-tight text-slate-900">Activity</h1>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white" role="region" aria-label="Activity log" tabIndex={0}>
        <table className="min-w-full divide-y divide-slate-200 text-left text-sm">
          <thead className="bg-slate-50 text-xs font-semibold uppercase tracking-wide text-slate-600">
            <tr>
              <th scope="col" className="px-4 py-3">When</th>
              <th scope="col" className="px-4 py-3">What</th>
              <th scope="col" className="px-4 py-3">Who</th>
              <th scope="col" className="hidden px-4 py-3 sm:table-cell">Target</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {events.map((event) => (
              <tr key={event.id} data-testid="activity-row">
                <td className="whitespace-nowrap px-4 py-2">{formatDateTime(event.createdAt, branding)}</td>
                <td className="px-4 py-2 font-mono text-xs">{event.action}</td>
                <td className="px-4 py-2">{event.actorEmail ?? "—"}</td>
                <td className="hidden px-4 py-2 sm:table-cell">{event.target ?? ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </main>
  );
}
