import { readListingPerformance } from "@/lib/analytics/read-listing-performance";
import { withTenant } from "@/lib/http/with-tenant";

/** Listing performance; hidden (404) unless the tenant's plan or flags turn advancedAnalytics on. */
export const GET = withTenant(({ context }) => readListingPerformance(context), { permission: "property:read", feature: "advancedAnalytics" });
