import { forTenant } from "@/lib/db/tenant-client";
import type { TenantRequestContext } from "@/lib/tenancy/context";

export interface ListingPerformance {
  propertyId: string;
  name: string;
  status: string;
  published: boolean;
  enquiries: number;
  completedTransactions: number;
  /** Whole days since it was published (or created, if never published), to the first completed transaction or now. */
  daysOnMarket: number;
  /** completedTransactions / enquiries, null without enquiries. */
  conversion: number | null;
}

export interface AdvancedAnalytics {
  generatedAt: string;
  totals: { properties: number; enquiries: number; completedTransactions: number; conversion: number | null };
  /** Most enquired first (then name); at most 200 listings. */
  listings: ListingPerformance[];
}

const DAY_MS = 86_400_000;

/**
 * Listing performance (the advancedAnalytics feature): enquiries, completed transactions, time on
 * market and conversion per property. Page views are not tracked, so there are none here.
 */
export async function readListingPerformance(context: Pick<TenantRequestContext, "tenant">, now = new Date()): Promise<AdvancedAnalytics> {
  const db = forTenant(context.tenant);
  const [properties, enquiries, completed] = await Promise.all([
    db.property.findMany({ select: { id: true, name: true, status: true, published: true, publishedAt: true, createdAt: true } }),
    db.lead.groupBy({ by: ["propertyId"], _count: { _all: true } }),
    db.transaction.groupBy({ by: ["propertyId"], where: { status: "completed" }, _count: { _all: true }, _min: { completedAt: true } }),
  ]);
  const enquiriesBy = new Map(enquiries.map((row) => [row.propertyId, row._count._all]));
  const completedBy = new Map(completed.map((row) => [row.propertyId, { count: row._count._all, first: row._min.completedAt }]));
  const ratio = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 1000) / 1000);
  const listings = properties.map((property): ListingPerformance => {
    const enquiryCount = enquiriesBy.get(property.id) ?? 0;
    const done = completedBy.get(property.id);
    const listed = property.publishedAt ?? property.createdAt;
    const until = done?.first ?? now;
    return {
      propertyId: property.id,
      name: property.name,
      status: property.status,
      published: property.published,
      enquiries: enquiryCount,
      completedTransactions: done?.count ?? 0,
      daysOnMarket: Math.max(0, Math.floor((until.getTime() - listed.getTime()) / DAY_MS)),
      conversion: ratio(done?.count ?? 0, enquiryCount),
    };
  });
  listings.sort((a, b) => b.enquiries - a.enquiries || a.name.localeCompare(b.name));
  const totalEnquiries = listings.reduce((sum, row) => sum + row.enquiries, 0);
  const totalCompleted = listings.reduce((sum, row) => sum + row.completedTransactions, 0);
  return {
    generatedAt: now.toISOString(),
    totals: { properties: listings.length, enquiries: totalEnquiries, completedTransactions: totalCompleted, conversion: ratio(totalCompleted, totalEnquiries) },
    listings: listings.slice(0, 200),
  };
}
