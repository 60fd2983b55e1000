import { getPublishedProperty } from "@/lib/portal/get-published-property";
import { portalRoute } from "@/lib/portal/portal-route";

export const GET = portalRoute(({ context, params }) => getPublishedProperty(context, params.id ?? ""));
