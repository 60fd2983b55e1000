import type { Metadata } from "next";
import { ActivityTable } from "@/components/dashboard/activity-table";
import { listAuditEvents } from "@/lib/audit/list-audit-events";
import { requireStaff } from "@/lib/auth/page-identity";

export const metadata: Metadata = { title: "Activity" };

export default async function ActivityPage({ params }: PageProps<"/t/[tenantId]/dashboard/activity">) {
  const { context } = await requireStaff((await params).tenantId, "audit:read", "/dashboard/activity");
  const events = await listAuditEvents(context, { limit: 100 });
  return (
    <main className="mx-auto max-w-5xl space-y-6 px-4 py-8 sm:px-6">
      <h1 className="text-2xl font-bold tracking-tight text-slate-900">Activity</h1>
      <ActivityTable events={events.map(({ id, action, actorEmail, target, createdAt }) => ({ id, action, actorEmail, target, createdAt }))} />
    </main>
  );
}
