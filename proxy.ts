import { randomBytes, randomUUID } from "node:crypto";
import { NextResponse, type NextRequest } from "next/server";
import { getBranding } from "@/lib/branding/get-branding";
import { env } from "@/lib/env/env";
import { logger } from "@/lib/log/logger";
import { contentSecurityPolicy, isStaffPath, NONCE_HEADER } from "@/lib/security/content-security-policy";
import { REQUEST_ID_HEADER, routeRequest } from "@/lib/tenancy/proxy-routing";
import { resolveHost, type ResolvedHost } from "@/lib/tenancy/resolve-host";

/** The page's CSP: a fresh nonce, plus the tenant's own script and stylesheet on portal pages only. */
async function pagePolicy(resolved: ResolvedHost, pathname: string, nonce: string): Promise<string> {
  const portal = resolved.surface === "tenant" && resolved.tenant.status === "active" && !isStaffPath(pathname);
  const branding = portal ? await getBranding(resolved.tenant) : null;
  return contentSecurityPolicy({
    nonce,
    portalScript: branding?.customJs,
    customStylesheet: branding?.customCss,
    development: process.env.NODE_ENV === "development",
  });
}

/** Dispatch only: Host → surface → rewrite into that surface's route segment. Pages check again. */
export async function proxy(request: NextRequest): Promise<NextResponse> {
  const host = request.headers.get("host") ?? "";
  const requestId = randomUUID();
  const resolved = await resolveHost(host);
  const routing = routeRequest({
    resolved,
    host,
    pathname: request.nextUrl.pathname,
    incomingHeaders: request.headers,
    requestId,
    protocol: env().APP_PROTOCOL,
  });

  const nonce = randomBytes(16).toString("base64");
  const policy = await pagePolicy(resolved, request.nextUrl.pathname, nonce);
  // Next reads the nonce from the request's CSP header and puts it on its own scripts.
  routing.requestHeaders.set("content-security-policy", policy);
  routing.requestHeaders.set(NONCE_HEADER, nonce);

  const target = request.nextUrl.clone();
  target.pathname = routing.rewritePath;
  const response = NextResponse.rewrite(target, { status: routing.status, request: { headers: routing.requestHeaders } });
  response.headers.set(REQUEST_ID_HEADER, requestId);
  response.headers.set("content-security-policy", policy);
  response.headers.set("x-content-type-options", "nosniff");
  response.headers.set("referrer-policy", "strict-origin-when-cross-origin");

  logger.info(
    { requestId, tenantId: routing.tenantId ?? "unknown", surface: routing.surface, method: request.method, host, path: request.nextUrl.pathname },
    "request",
  );
  return response;
}

export const config = {
  matcher: ["/((?!_next/static|_next/image).*)"],
};
