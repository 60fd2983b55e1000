"use client";

import { DataTable, type DataColumn } from "@/components/data-table/data-table";
import { useTenant } from "@/components/tenant/tenant-provider";
import { formatDateTime } from "@/lib/format/format-date";
import type { AuditEventView } from "@/lib/audit/list-audit-events";

type ActivityRow = Pick<AuditEventView, "id" | "action" | "label" | "href" | "actorName" | "createdAt">;

export function ActivityTable({ events }: { events: ActivityRow[] }) {
  const tenant = useTenant();
  const columns: Array<DataColumn<ActivityRow>> = [
    { id: "when", header: "When", meta: { className: "whitespace-nowrap", rowHeader: true }, cell: ({ row }) => formatDateTime(row.original.createdAt, tenant) },
    {
      id: "what",
      header: "What",
      cell: ({ row }) => (
        <>
          {row.original.href ? (
            <a href={row.original.href} className="underline decoration-slate-300 underline-offset-2 hover:decoration-slate-600">
              {row.original.label}
            </a>
          ) : (
            row.original.label
          )}
          <span className="block font-mono text-xs text-slate-500">{row.original.action}</span>
        </>
      ),
    },
    { id: "who", header: "Who", meta: { className: "hidden sm:table-cell" }, cell: ({ row }) => row.original.actorName ?? "—" },
  ];
  return <DataTable columns={columns} data={events} caption="Activity log" getRowId={(event) => event.id} rowTestId="activity-row" empty="No activity recorded yet." />;
}
