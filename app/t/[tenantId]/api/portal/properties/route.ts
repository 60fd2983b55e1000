import { findPublishedPropertiesPage } from "@/lib/portal/list-published-properties";
import { portalPropertyQuerySchema } from "@/lib/portal/portal-property-schema";
import { portalRoute } from "@/lib/portal/portal-route";

export const GET = portalRoute(({ context, query }) => findPublishedPropertiesPage(context, query), { query: portalPropertyQuerySchema });
