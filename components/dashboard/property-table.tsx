"use client";

import { Globe } from "lucide-react";
import { DataTable, type DataColumn } from "@/components/data-table/data-table";
import { PropertyStatusBadge } from "@/components/property-status-badge";
import { useTenant } from "@/components/tenant/tenant-provider";
import { formatDate } from "@/lib/format/format-date";
import { formatMoney } from "@/lib/format/format-money";
import type { PropertyView } from "@/lib/properties/property-schema";

type PropertyRow = Pick<PropertyView, "id" | "name" | "address" | "price" | "status" | "published" | "createdAt">;

function useColumns(): Array<DataColumn<PropertyRow>> {
  const tenant = useTenant();
  return [
    {
      id: "name",
      header: "Name",
      meta: { rowHeader: true },
      cell: ({ row }) => (
        <>
          <a href={`/dashboard/properties/${row.original.id}`} className="underline decoration-slate-300 underline-offset-2 hover:decoration-current">
            {row.original.name}
          </a>
          <span className="mt-1 block font-normal text-slate-600 sm:hidden">{row.original.address}</span>
        </>
      ),
    },
    { id: "address", header: "Address", meta: { className: "hidden min-w-48 text-slate-600 sm:table-cell" }, cell: ({ row }) => row.original.address },
    { id: "price", header: "Price", meta: { className: "whitespace-nowrap text-right tabular-nums" }, cell: ({ row }) => formatMoney(row.original.price, tenant.currency) },
    {
      id: "status",
      header: "Status",
      cell: ({ row }) => (
        <span className="flex flex-wrap items-center gap-2">
          <PropertyStatusBadge status={row.original.status} />
          {row.original.published ? (
            <span className="inline-flex items-center gap-1 text-xs text-slate-600" title="Published to the portal">
              <Globe aria-hidden className="size-3.5" /> Published
            </span>
          ) : null}
        </span>
      ),
    },
    {
      id: "listed",
      header: "Listed",
      meta: { className: "hidden whitespace-nowrap text-slate-600 md:table-cell" },
      cell: ({ row }) => <span data-testid="listed-at">{formatDate(row.original.createdAt, tenant)}</span>,
    },
  ];
}

/** The staff property list; filters, sort and pages come from the URL and the server. */
export function PropertyTable({ properties, caption, filtered }: { properties: PropertyRow[]; caption: string; filtered: boolean }) {
  return (
    <DataTable
      columns={useColumns()}
      data={properties}
      caption={caption}
      getRowId={(property) => property.id}
      rowTestId="property-row"
      empty={
        filtered ? (
          <>
            <p className="font-semibold text-slate-900">No properties match these filters</p>
            <p className="mt-2">
              <a href="/dashboard" className="underline">
                Clear the filters
              </a>
            </p>
          </>
        ) : (
          <>
            <p className="font-semibold text-slate-900">No properties yet</p>
            <p className="mt-2">Add your first property with “New property”.</p>
          </>
        )
      }
    />
  );
}
