import { formatDate, type DateSettings } from "@/lib/format/format-date";
import { formatMoney } from "@/lib/format/format-money";
import type { PropertyView } from "@/lib/properties/property-schema";
import { PropertyStatusBadge } from "./property-status-badge";

export function PropertyTable({
  properties,
  caption,
  currency,
  dates,
  detailHref,
}: {
  properties: PropertyView[];
  caption: string;
  currency: string;
  dates: DateSettings;
  detailHref?: (property: PropertyView) => string;
}) {
  if (properties.length === 0) {
    return (
      <div className="rounded-lg border border-dashed border-slate-300 bg-white px-6 py-12 text-center">
        <h2 className="text-base font-semibold text-slate-900">No properties yet</h2>
        <p className="mt-2 text-sm text-slate-600">Properties added to this workspace will be listed here.</p>
      </div>
    );
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
          <tr>
            <th scope="col" className="px-4 py-3">Name</th>
            <th scope="col" className="hidden px-4 py-3 sm:table-cell">Address</th>
            <th scope="col" className="px-4 py-3 text-right">Price</th>
            <th scope="col" className="px-4 py-3">Status</th>
            <th scope="col" className="hidden px-4 py-3 md:table-cell">Listed</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {properties.map((property) => (
            <tr key={property.id} className="align-top">
              <th scope="row" className="px-4 py-3 font-medium text-slate-900">
                {detailHref ? (
                  <a href={detailHref(property)} className="underline decoration-slate-300 underline-offset-2 hover:decoration-current">
                    {property.name}
                  </a>
                ) : (
                  property.name
                )}
                <span className="mt-1 block font-normal text-slate-600 sm:hidden">{property.address}</span>
              </th>
              <td className="hidden min-w-48 px-4 py-3 text-slate-600 sm:table-cell">{property.address}</td>
              <td className="whitespace-nowrap px-4 py-3 text-right tabular-nums text-slate-900">{formatMoney(property.price, currency)}</td>
              <td className="px-4 py-3">
                <PropertyStatusBadge status={property.status} />
              </td>
              <td className="hidden whitespace-nowrap px-4 py-3 text-slate-600 md:table-cell" data-testid="listed-at">
                {formatDate(property.createdAt, dates)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
