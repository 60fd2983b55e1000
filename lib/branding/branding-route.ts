import { errorResponse } from "@/lib/http/error-response";
import { activeTenantStep, requestFacts, tenantStep } from "@/lib/http/tenant-request";
import { getBranding } from "./get-branding";

/** GET /api/tenant/branding: public, per host; answers the branding object the portal renders from (403 while suspended). */
export async function brandingRoute(request: Request): Promise<Response> {
  const facts = requestFacts(request.headers, request.method, new URL(request.url).pathname);
  try {
    const context = await tenantStep(facts);
    activeTenantStep(context);
    const branding = await getBranding(context.tenant);
    const { name, logo, favicon, primaryColor, secondaryColor, theme, customCss, customJs, customHeader, customFooter } = branding;
    return Response.json(
      { name, logo, favicon, primaryColor, secondaryColor, theme, customCss, customJs, customHeader, customFooter },
      { headers: { "cache-control": "no-store" } },
    );
  } catch (error) {
    return errorResponse(error);
  }
}
