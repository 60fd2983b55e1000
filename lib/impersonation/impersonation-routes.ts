import { clearedSessionCookie } from "@/lib/auth/session-cookie";
import { env } from "@/lib/env/env";
import { AppError } from "@/lib/errors/app-error";
import { errorResponse } from "@/lib/http/error-response";
import { activeTenantStep, identityStep, requestFacts, sameOriginStep, tenantMatchStep, tenantStep } from "@/lib/http/tenant-request";
import { parseHost } from "@/lib/tenancy/parse-host";
import { adminBaseUrl } from "@/lib/tenancy/tenant-urls";
import { endImpersonation } from "./end-impersonation";
import { redeemImpersonation } from "./redeem-impersonation";

/** GET /api/auth/impersonation?token=… on {slug}.<root>: spend the link, set the impersonation session, go to the user's home page. */
export async function redeemImpersonationRoute(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const facts = requestFacts(request.headers, request.method, url.pathname);
  try {
    const context = await tenantStep(facts);
    if (parseHost(facts.host, env().APP_ROOT_DOMAIN).kind !== "subdomain") {
      throw new AppError({ code: "bad_request", message: "Impersonation links work on the workspace's own subdomain only" });
    }
    activeTenantStep(context);
    const { cookie, location } = await redeemImpersonation(context, url.searchParams.get("token") ?? "", facts);
    return new Response(null, { status: 303, headers: { location, "set-cookie": cookie, "cache-control": "no-store", "referrer-policy": "no-referrer" } });
  } catch (error) {
    return errorResponse(error);
  }
}

/**
 * POST /api/auth/impersonation/end on the tenant's host (the banner's End now): ends the impersonation,
 * removes the session cookie and answers `{ impersonation, consoleUrl }` — the tenant's Access page on the
 * admin console, where the banner then navigates (a redirect there would be a cross-origin form target,
 * which the pages' CSP `form-action 'self'` refuses). Allowed in a read-only impersonation and during
 * maintenance: it is how the admin leaves.
 */
export async function endImpersonationRoute(request: Request): Promise<Response> {
  const facts = requestFacts(request.headers, request.method, new URL(request.url).pathname);
  try {
    const context = await tenantStep(facts);
    const identity = await identityStep(facts);
    await tenantMatchStep(context, identity, facts);
    sameOriginStep(facts, identity);
    if (!identity.impersonation) throw new AppError({ code: "bad_request", message: "This session is not an impersonation" });
    const impersonation = await endImpersonation(context.tenant.id, identity.impersonation.id, identity.impersonation.adminUserId, "banner");
    const consoleUrl = `${adminBaseUrl()}/tenants/${encodeURIComponent(context.tenant.slug)}/access`;
    return Response.json({ impersonation, consoleUrl }, { headers: { "set-cookie": clearedSessionCookie(), "cache-control": "no-store" } });
  } catch (error) {
    return errorResponse(error);
  }
}
