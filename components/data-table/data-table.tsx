"use client";

import { FlexRender, tableFeatures, useTable, type ColumnDef, type RowData } from "@tanstack/react-table";
import type { ReactNode } from "react";

/** Per-column presentation: classes for header and cells, and which column names the row (`<th scope="row">`). */
export interface DataColumnMeta {
  className?: string;
  rowHeader?: boolean;
}

export const dataTableFeatures = tableFeatures({ columnMeta: {} as DataColumnMeta });
export type DataColumn<Row extends RowData> = ColumnDef<typeof dataTableFeatures, Row>;

/**
 * Every list table of the app: a scrollable, keyboard-focusable region with a caption, one row header per
 * row, and an empty state. Sorting, filtering and paging happen on the server (URL query), so the table
 * only renders the page it is given.
 */
export function DataTable<Row extends RowData>({
  columns,
  data,
  caption,
  getRowId,
  empty,
  rowTestId,
}: {
  columns: Array<DataColumn<Row>>;
  data: Row[];
  caption: string;
  getRowId: (row: Row) => string;
  empty: ReactNode;
  rowTestId?: string;
}) {
  const table = useTable({ features: dataTableFeatures, columns, data, getRowId: (row) => getRowId(row) });
  if (data.length === 0) {
    return <div className="rounded-lg border border-dashed border-slate-300 bg-white px-6 py-10 text-center text-sm text-slate-600">{empty}</div>;
  }
  return (
    <div
      role="region"
      aria-label={caption}
      tabIndex={0}
      className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-600"
    >
      <table className="min-w-full divide-y divide-slate-200 text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50 text-xs font-semibold uppercase tracking-wide text-slate-600">
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => (
                <th key={header.id} scope="col" className={`px-4 py-3 ${header.column.columnDef.meta?.className ?? ""}`}>
                  <FlexRender header={header} />
                </th>
              ))}
            </tr>
          ))}
        </thead>
        <tbody className="divide-y divide-slate-100">
          {table.getRowModel().rows.map((row) => (
            <tr key={row.id} className="align-top" data-testid={rowTestId}>
              {row.getAllCells().map((cell) => {
                const meta = cell.column.columnDef.meta;
                const className = `px-4 py-3 ${meta?.className ?? ""}`;
                return meta?.rowHeader ? (
                  <th key={cell.id} scope="row" className={`${className} font-medium text-slate-900`}>
                    <FlexRender cell={cell} />
                  </th>
                ) : (
                  <td key={cell.id} className={className}>
                    <FlexRender cell={cell} />
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
