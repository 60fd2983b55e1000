import { AppError } from "@/lib/errors/app-error";
import { errorResponse } from "@/lib/http/error-response";
import { activeTenantStep, identityStep, requestFacts, tenantMatchStep, tenantStep } from "@/lib/http/tenant-request";
import { runWithContext } from "@/lib/tenancy/context";
import { parseHost } from "@/lib/tenancy/parse-host";
import { env } from "@/lib/env/env";
import { HANDOFF_CUSTOMERS_ONLY, redeemHandoff, startHandoff } from "./handoff";

/** GET /api/auth/handoff on {slug}.<root>, signed in as a customer: redirect to the custom domain carrying a hand-off token (staff: 403). */
export async function startHandoffRoute(request: Request): Promise<Response> {
  const facts = requestFacts(request.headers, request.method, new URL(request.url).pathname);
  try {
    const context = await tenantStep(facts);
    if (parseHost(facts.host, env().APP_ROOT_DOMAIN).kind !== "subdomain") {
      throw new AppError({ code: "bad_request", message: "Start the hand-off from the workspace's own subdomain" });
    }
    const identity = await identityStep(facts);
    await tenantMatchStep(context, identity, facts);
    activeTenantStep(context);
    if (identity.role !== "customer") throw new AppError({ code: "forbidden", message: HANDOFF_CUSTOMERS_ONLY });
    return new Response(null, { status: 303, headers: { location: await runWithContext(context, () => startHandoff(context, identity)), "cache-control": "no-store" } });
  } catch (error) {
    return errorResponse(error);
  }
}

/** GET /auth/handoff?token=… on the custom domain: spend the token, set this host's session cookie, go to the customer's enquiries. */
export async function redeemHandoffRoute(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const facts = requestFacts(request.headers, request.method, url.pathname);
  try {
    const context = await tenantStep(facts);
    activeTenantStep(context);
    const cookie = await runWithContext(context, () => redeemHandoff(context, url.searchParams.get("token") ?? "", facts));
    return new Response(null, { status: 303, headers: { location: "/my-enquiries", "set-cookie": cookie, "cache-control": "no-store", "referrer-policy": "no-referrer" } });
  } catch (error) {
    return errorResponse(error);
  }
}
