import { analyticsQuerySchema, handleResources } from "@/lib/platform-analytics/admin-analytics-handlers";
import { withPlatformAdmin } from "@/lib/http/with-platform-admin";

export const GET = withPlatformAdmin(({ query }) => handleResources(query), { query: analyticsQuerySchema });
