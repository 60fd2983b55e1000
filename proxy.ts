import { randomBytes, randomUUID } from "node:crypto";
import { NextResponse, type NextRequest } from "next/server";
import { getBranding } from "@/lib/branding/get-branding";
import { databaseAvailable } from "@/lib/db/database-availability";
import { appPool } from "@/lib/db/pools";
import { env } from "@/lib/env/env";
import { toAppError } from "@/lib/errors/app-error";
import { earlyTenantApiRefusal } from "@/lib/http/early-refusal";
import { errorResponse } from "@/lib/http/error-response";
import { logger } from "@/lib/log/logger";
import { bypassesMaintenance } from "@/lib/impersonation/maintenance-bypass";
import { contentSecurityPolicy, isStaffPath, NONCE_HEADER, servesOwnPolicy, tenantCodeAllowed } from "@/lib/security/content-security-policy";
import { REQUEST_ID_HEADER, routeRequest } from "@/lib/tenancy/proxy-routing";
import { resolveHost, type ResolvedHost } from "@/lib/tenancy/resolve-host";

/** The page's CSP: a fresh nonce; the tenant's own script only on portal pages of its verified custom domain. */
async function pagePolicy(resolved: ResolvedHost, pathname: string, nonce: string): Promise<string> {
  const portal = resolved.surface === "tenant" && resolved.tenant.status === "active" && !isStaffPath(pathname);
  const branding = portal ? await getBranding(resolved.tenant) : null;
  const codeAllowed = resolved.surface === "tenant" && tenantCodeAllowed(resolved.origin, pathname);
  return contentSecurityPolicy({
    nonce,
    portalScript: codeAllowed ? branding?.customJs : null,
    customStylesheet: branding?.customCss,
    development: process.env.NODE_ENV === "development",
  });
}

/** JSON APIs render no page: no nonce, no branding lookup, and a policy that allows nothing. */
const JSON_POLICY = "default-src 'none'; frame-ancestors 'none'";

/** API routes answer JSON (or a file with its own policy). next-auth's routes can render pages, so they keep the page policy. */
function answersJson(pathname: string): boolean {
  return pathname.startsWith("/api/") && !pathname.startsWith("/api/auth/");
}

function securityHeaders(response: NextResponse, requestId: string): NextResponse {
  response.headers.set(REQUEST_ID_HEADER, requestId);
  response.headers.set("x-content-type-options", "nosniff");
  response.headers.set("referrer-policy", "strict-origin-when-cross-origin");
  return response;
}

/**
 * Dispatch only: Host → surface → rewrite into that surface's route segment. Pages check again. When the
 * host lookup (or the portal's branding) needs Postgres and it cannot be reached, the answer is 503 with
 * Retry-After, as the routes' own: without this, Next answered 500 for an error thrown here.
 */
export async function proxy(request: NextRequest): Promise<NextResponse> {
  if (!answersJson(request.nextUrl.pathname) && !(await databaseAvailable(probeDatabase))) return unavailablePage();
  try {
    return await dispatch(request);
  } catch (error) {
    const appError = toAppError(error);
    if (appError.code !== "unavailable") throw error;
    if (answersJson(request.nextUrl.pathname)) return proxyAnswer(errorResponse(appError), randomUUID());
    const answer = new NextResponse(appError.message, { status: appError.status, headers: { "content-type": "text/plain; charset=utf-8" } });
    for (const [name, value] of Object.entries({ ...appError.headers, "cache-control": "no-store", "content-security-policy": JSON_POLICY })) answer.headers.set(name, value);
    return securityHeaders(answer, randomUUID());
  }
}

/** A Response built by lib/http (an error body) answered by the proxy itself, with the JSON policy. */
function proxyAnswer(response: Response, requestId: string): NextResponse {
  const answer = new NextResponse(response.body, { status: response.status, headers: response.headers });
  answer.headers.set("content-security-policy", JSON_POLICY);
  return securityHeaders(answer, requestId);
}

const probeDatabase = () => appPool().query("SELECT 1");

const UNAVAILABLE_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Temporarily unavailable</title></head>
<body><h1>Temporarily unavailable</h1><p>This page cannot be shown right now. Please try again in a few seconds.</p></body></html>
`;

/**
 * A page's own query cannot answer 503 (the App Router has none), so while the database is recorded as
 * unreachable (lib/db/database-availability.ts) pages get this, tenant-neutral and without the database.
 */
function unavailablePage(): NextResponse {
  const answer = new NextResponse(UNAVAILABLE_PAGE, {
    status: 503,
    headers: { "content-type": "text/html; charset=utf-8", "retry-after": "2", "cache-control": "no-store", "content-security-policy": JSON_POLICY },
  });
  return securityHeaders(answer, randomUUID());
}

async function dispatch(request: NextRequest): Promise<NextResponse> {
  const host = request.headers.get("host") ?? "";
  const requestId = randomUUID();
  const resolved = await resolveHost(host);
  const refusal = earlyTenantApiRefusal(resolved, host, request.nextUrl.pathname);
  if (refusal) return proxyAnswer(refusal, requestId);
  const routing = routeRequest({
    resolved,
    host,
    pathname: request.nextUrl.pathname,
    incomingHeaders: request.headers,
    requestId,
    protocol: env().APP_PROTOCOL,
    rootDomain: env().APP_ROOT_DOMAIN,
    search: request.nextUrl.search,
    maintenanceBypass: await bypassesMaintenance(resolved, request.headers.get("cookie")),
  });
  const log = () =>
    logger.info(
      { requestId, tenantId: routing.tenantId ?? "unknown", surface: routing.surface, method: request.method, host, path: request.nextUrl.pathname },
      "request",
    );

  if (routing.answer) {
    log();
    const answer =
      routing.answer.kind === "redirect"
        ? NextResponse.redirect(routing.answer.location, routing.answer.status)
        : NextResponse.json(routing.answer.body, { status: routing.answer.status, headers: { "cache-control": "no-store" } });
    answer.headers.set("content-security-policy", JSON_POLICY);
    return securityHeaders(answer, requestId);
  }

  if (routing.status === undefined && answersJson(request.nextUrl.pathname)) {
    const target = request.nextUrl.clone();
    target.pathname = routing.rewritePath;
    const response = NextResponse.rewrite(target, { status: routing.status, request: { headers: routing.requestHeaders } });
    if (!servesOwnPolicy(request.nextUrl.pathname)) response.headers.set("content-security-policy", JSON_POLICY);
    log();
    return securityHeaders(response, requestId);
  }

  const nonce = randomBytes(16).toString("base64");
  const policy = await pagePolicy(resolved, request.nextUrl.pathname, nonce);
  // Next reads the nonce from the request's CSP header and puts it on its own scripts.
  routing.requestHeaders.set("content-security-policy", policy);
  routing.requestHeaders.set(NONCE_HEADER, nonce);

  const target = request.nextUrl.clone();
  target.pathname = routing.rewritePath;
  const response = NextResponse.rewrite(target, { status: routing.status, request: { headers: routing.requestHeaders } });
  // Tenant files and photos answer with their own locked-down policy; the page policy would loosen it.
  if (!servesOwnPolicy(request.nextUrl.pathname)) response.headers.set("content-security-policy", policy);
  for (const [name, value] of Object.entries(routing.responseHeaders ?? {})) response.headers.set(name, value);
  log();
  return securityHeaders(response, requestId);
}

export const config = {
  matcher: ["/((?!_next/static|_next/image).*)"],
};
