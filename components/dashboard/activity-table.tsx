"use client";

import { DataTable, type DataColumn } from "@/components/data-table/data-table";
import { useTenant } from "@/components/tenant/tenant-provider";
import { formatDateTime } from "@/lib/format/format-date";
import type { AuditEventView } from "@/lib/audit/list-audit-events";

type ActivityRow = Pick<AuditEventView, "id" | "action" | "actorEmail" | "target" | "createdAt">;

export function ActivityTable({ events }: { events: ActivityRow[] }) {
  const tenant = useTenant();
  const columns: Array<DataColumn<ActivityRow>> = [
    { id: "when", header: "When", meta: { className: "whitespace-nowrap", rowHeader: true }, cell: ({ row }) => formatDateTime(row.original.createdAt, tenant) },
    { id: "what", header: "What", meta: { className: "font-mono text-xs" }, cell: ({ row }) => row.original.action },
    { id: "who", header: "Who", cell: ({ row }) => row.original.actorEmail ?? "—" },
    { id: "target", header: "Target", meta: { className: "hidden sm:table-cell" }, cell: ({ row }) => row.original.target ?? "" },
  ];
  return <DataTable columns={columns} data={events} caption="Activity log" getRowId={(event) => event.id} rowTestId="activity-row" empty="No activity recorded yet." />;
}
