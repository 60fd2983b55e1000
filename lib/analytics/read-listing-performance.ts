import { forTenant } from "@/lib/db/tenant-client";
import type { TenantRequestContext } from "@/lib/tenancy/context";
import { viewDay } from "./record-property-view";

export interface ListingPerformance {
  propertyId: string;
  name: string;
  status: string;
  published: boolean;
  /** Portal page views of the listing, all time. */
  views: number;
  enquiries: number;
  completedTransactions: number;
  /** Whole days since it was published (or created, if never published), to the first completed transaction or now. */
  daysOnMarket: number;
  /** completedTransactions / enquiries, null without enquiries. */
  conversion: number | null;
  /** enquiries / views, null without views. */
  enquiryRate: number | null;
}

export interface AdvancedAnalytics {
  generatedAt: string;
  totals: { properties: number; views: number; enquiries: number; completedTransactions: number; conversion: number | null; enquiryRate: number | null };
  /** Portal views of all listings per UTC day, the last VIEW_DAYS days, oldest first, ending today. */
  viewsPerDay: Array<{ day: string; views: number }>;
  /** Most enquired first (then name); at most 200 listings. */
  listings: ListingPerformance[];
}

const DAY_MS = 86_400_000;
export const VIEW_DAYS = 30;

/**
 * Listing performance (the advancedAnalytics feature): portal views, enquiries, completed transactions,
 * time on market and conversion per property, and views per day.
 */
export async function readListingPerformance(context: Pick<TenantRequestContext, "tenant">, now = new Date()): Promise<AdvancedAnalytics> {
  const db = forTenant(context.tenant);
  const firstViewDay = viewDay(new Date(now.getTime() - (VIEW_DAYS - 1) * DAY_MS));
  const [properties, enquiries, completed, views, recentViews] = await Promise.all([
    db.property.findMany({ select: { id: true, name: true, status: true, published: true, publishedAt: true, createdAt: true } }),
    db.lead.groupBy({ by: ["propertyId"], _count: { _all: true } }),
    db.transaction.groupBy({ by: ["propertyId"], where: { status: "completed" }, _count: { _all: true }, _min: { completedAt: true } }),
    db.propertyView.groupBy({ by: ["propertyId"], _sum: { views: true } }),
    db.propertyView.groupBy({ by: ["day"], where: { day: { gte: firstViewDay } }, _sum: { views: true } }),
  ]);
  const viewsBy = new Map(views.map((row) => [row.propertyId, row._sum.views ?? 0]));
  const viewsOn = new Map(recentViews.map((row) => [row.day.toISOString().slice(0, 10), row._sum.views ?? 0]));
  const enquiriesBy = new Map(enquiries.map((row) => [row.propertyId, row._count._all]));
  const completedBy = new Map(completed.map((row) => [row.propertyId, { count: row._count._all, first: row._min.completedAt }]));
  const ratio = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 1000) / 1000);
  const listings = properties.map((property): ListingPerformance => {
    const enquiryCount = enquiriesBy.get(property.id) ?? 0;
    const viewCount = viewsBy.get(property.id) ?? 0;
    const done = completedBy.get(property.id);
    const listed = property.publishedAt ?? property.createdAt;
    const until = done?.first ?? now;
    return {
      propertyId: property.id,
      name: property.name,
      status: property.status,
      published: property.published,
      views: viewCount,
      enquiries: enquiryCount,
      completedTransactions: done?.count ?? 0,
      daysOnMarket: Math.max(0, Math.floor((until.getTime() - listed.getTime()) / DAY_MS)),
      conversion: ratio(done?.count ?? 0, enquiryCount),
      enquiryRate: ratio(enquiryCount, viewCount),
    };
  });
  listings.sort((a, b) => b.enquiries - a.enquiries || a.name.localeCompare(b.name));
  const totalEnquiries = listings.reduce((sum, row) => sum + row.enquiries, 0);
  const totalCompleted = listings.reduce((sum, row) => sum + row.completedTransactions, 0);
  const totalViews = listings.reduce((sum, row) => sum + row.views, 0);
  return {
    generatedAt: now.toISOString(),
    totals: {
      properties: listings.length,
      views: totalViews,
      enquiries: totalEnquiries,
      completedTransactions: totalCompleted,
      conversion: ratio(totalCompleted, totalEnquiries),
      enquiryRate: ratio(totalEnquiries, totalViews),
    },
    viewsPerDay: Array.from({ length: VIEW_DAYS }, (_, index) => {
      const day = viewDay(new Date(firstViewDay.getTime() + index * DAY_MS)).toISOString().slice(0, 10);
      return { day, views: viewsOn.get(day) ?? 0 };
    }),
    listings: listings.slice(0, 200),
  };
}
