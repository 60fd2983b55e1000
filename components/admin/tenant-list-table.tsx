"use client";

import { DataTable, type DataColumn } from "@/components/data-table/data-table";
import type { TenantListRow } from "@/lib/admin-console/list-tenants";
import { formatBytes } from "@/lib/format/format-bytes";
import { HealthStatusBadge } from "./health-status-badge";

const orDash = (value: number | null, format: (value: number) => string = String) => (value === null ? "—" : format(value));

const columns: Array<DataColumn<TenantListRow>> = [
  {
    id: "name",
    header: "Tenant",
    meta: { rowHeader: true },
    cell: ({ row }) => (
      <a href={`/tenants/${row.original.slug}`} className="text-slate-900 underline-offset-2 hover:underline">
        {row.original.name}
        <span className="block font-mono text-xs font-normal text-slate-500">{row.original.customDomain ?? row.original.slug}</span>
      </a>
    ),
  },
  { id: "plan", header: "Plan", cell: ({ row }) => row.original.plan },
  { id: "status", header: "Status", cell: ({ row }) => row.original.status },
  { id: "users", header: "Users", meta: { className: "text-right" }, cell: ({ row }) => orDash(row.original.users) },
  { id: "properties", header: "Properties", meta: { className: "text-right" }, cell: ({ row }) => orDash(row.original.properties) },
  { id: "dbSize", header: "DB size", meta: { className: "text-right whitespace-nowrap" }, cell: ({ row }) => orDash(row.original.dbSizeBytes, formatBytes) },
  { id: "storage", header: "Storage", meta: { className: "text-right whitespace-nowrap" }, cell: ({ row }) => orDash(row.original.storageBytes, formatBytes) },
  { id: "apiCalls", header: "API calls 30 d", meta: { className: "text-right" }, cell: ({ row }) => orDash(row.original.apiCalls30d) },
  { id: "lastActivity", header: "Last activity", meta: { className: "whitespace-nowrap" }, cell: ({ row }) => (row.original.lastActivity ? row.original.lastActivity.slice(0, 16).replace("T", " ") : "—") },
  {
    id: "health",
    header: "Health",
    cell: ({ row }) => (row.original.health ? <span title={row.original.health.reasons.join("; ") || undefined}><HealthStatusBadge status={row.original.health.status} /></span> : "not checked"),
  },
];

/** The console's tenant list: the page it is given (search, filters, sort and paging are the server's). */
export function TenantListTable({ tenants }: { tenants: TenantListRow[] }) {
  return <DataTable columns={columns} data={tenants} caption="Tenants" getRowId={(tenant) => tenant.id} rowTestId="tenant-row" empty="No tenants match." />;
}
