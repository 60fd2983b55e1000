import { PropertyStatusBadge } from "@/components/property-status-badge";
import { formatDate, type DateSettings } from "@/lib/format/format-date";
import { formatMoney } from "@/lib/format/format-money";
import { formatQuantity } from "@/lib/format/format-quantity";
import type { PublicPropertyView } from "@/lib/portal/portal-property-schema";
import { PropertyPhoto } from "./property-photo";
import { propertyTypeLabel } from "./property-type-label";

/** One listing on the portal home; the whole card opens the listing (the name's link is stretched over it). */
export function PropertyCard({ property, currency, dates, eagerPhoto = false }: { property: PublicPropertyView; currency: string; dates: DateSettings; eagerPhoto?: boolean }) {
  const nameId = `property-${property.id}-name`;
  return (
    <article
      aria-labelledby={nameId}
      className="relative flex h-full flex-col overflow-hidden rounded-lg border border-slate-200 bg-white shadow-sm transition focus-within:ring-2 focus-within:ring-blue-600 hover:shadow-md"
    >
      <PropertyPhoto photoUrl={property.photoUrl} name={property.name} eager={eagerPhoto} className="aspect-[4/3] w-full" />
      <div className="flex flex-1 flex-col gap-2 p-4">
        <div className="flex items-start justify-between gap-3">
          <h2 id={nameId} className="text-base font-semibold text-slate-900">
            <a href={`/properties/${property.id}`} className="after:absolute after:inset-0 focus:outline-none">
              {property.name}
            </a>
          </h2>
          <PropertyStatusBadge status={property.status} />
        </div>
        <p className="text-sm text-slate-600">{property.address}</p>
        <p className="text-lg font-semibold tabular-nums" style={{ color: "var(--primary-color)" }}>
          {formatMoney(property.price, currency)}
        </p>
        <p className="mt-auto flex flex-wrap gap-x-3 text-xs text-slate-500">
          <span>{propertyTypeLabel(property.type)}</span>
          {property.bedrooms !== null ? <span>{property.bedrooms === 1 ? "1 bedroom" : `${property.bedrooms} bedrooms`}</span> : null}
          {property.bathrooms !== null ? <span>{property.bathrooms === "1" ? "1 bathroom" : `${formatQuantity(property.bathrooms)} bathrooms`}</span> : null}
          {property.area !== null ? <span>{formatQuantity(property.area)} m²</span> : null}
          {property.listedAt ? (
            <span>
              Listed <span data-testid="listed-at">{formatDate(property.listedAt, dates)}</span>
            </span>
          ) : null}
        </p>
      </div>
    </article>
  );
}
