"use client";

import { DataTable, type DataColumn } from "@/components/data-table/data-table";

export interface TenantRow {
  id: string;
  name: string;
  slug: string;
  status: string;
  customDomain: string | null;
  customDomainVerified: boolean;
}

const columns: Array<DataColumn<TenantRow>> = [
  { id: "name", header: "Name", meta: { rowHeader: true }, cell: ({ row }) => row.original.name },
  { id: "slug", header: "Slug", meta: { className: "font-mono text-xs" }, cell: ({ row }) => row.original.slug },
  { id: "status", header: "Status", cell: ({ row }) => row.original.status },
  {
    id: "domain",
    header: "Custom domain",
    meta: { className: "hidden sm:table-cell" },
    cell: ({ row }) => (row.original.customDomain ? `${row.original.customDomain}${row.original.customDomainVerified ? "" : " (unverified)"}` : "—"),
  },
];

export function TenantTable({ tenants }: { tenants: TenantRow[] }) {
  return <DataTable columns={columns} data={tenants} caption="Tenants" getRowId={(tenant) => tenant.id} rowTestId="tenant-row" empty="No tenants yet. Create one with the CLI: npm run anchor -- tenants create." />;
}
