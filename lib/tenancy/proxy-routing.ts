import { maintenanceRetryAfterSeconds } from "@/lib/maintenance/maintenance-answer";
import type { ResolvedHost } from "./resolve-host";

/** Headers under this prefix are set by the platform only; any a client sends is dropped. */
export const INTERNAL_HEADER_PREFIX = "x-anchor-";
export const REQUEST_ID_HEADER = "x-request-id";
export const FORWARDED_HOST_HEADER = "x-forwarded-host";

/** No route lives here, so a request rewritten to it renders the 404 page. */
export const UNKNOWN_HOST_PATH = "/unknown-host";
/** The page a suspended tenant's visitors see, answered with 403 and rendered on the server. */
export const SUSPENDED_PATH = "/suspended";
/** The page a tenant in maintenance shows (answered with 503), except to a platform admin impersonating. */
export const MAINTENANCE_PATH = "/maintenance";
/** Caddy's on-demand TLS `ask` URL; Caddy calls it on a loopback address, which is no tenant's host. */
export const TLS_CHECK_PATH = "/api/domains/tls-check";
const LOOPBACK_HOST = /^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/i;

/** The path as the client asked for it, for audit records written by server actions. */
export const ORIGINAL_PATH_HEADER = "x-anchor-path";

export interface ProxyRoutingInput {
  resolved: ResolvedHost;
  host: string;
  /** The request's pathname as the proxy sees it, always starting with `/`. */
  pathname: string;
  incomingHeaders: Headers;
  requestId: string;
  /** APP_PROTOCOL: what the TLS proxy in front terminates; a client's X-Forwarded-Proto is replaced by it. */
  protocol?: "http" | "https";
  /** APP_ROOT_DOMAIN, for the `{slug}.<root>` address staff surfaces on a custom domain redirect to. */
  rootDomain: string;
  /** The query string (`?a=b` or empty), kept by redirects. */
  search?: string;
  /** A platform admin impersonating one of the tenant's users: pages are served even in maintenance. */
  maintenanceBypass?: boolean;
}

/** What the proxy answers itself instead of rewriting: staff surfaces asked for on a custom domain. */
export type ProxyAnswer =
  | { kind: "redirect"; status: 308; location: string }
  | { kind: "json"; status: 404; body: { error: "not_found"; message: string } }
  | { kind: "json"; status: 403; body: { error: "forbidden"; message: string } };

export interface ProxyRouting {
  surface: ResolvedHost["surface"];
  tenantId: string | null;
  /** Route path to rewrite to; the query string is kept by the caller. */
  rewritePath: string;
  /** Status to answer with when the rewrite target is an error page; otherwise the page decides. */
  status?: number;
  /** Headers the answer carries besides the security headers (the maintenance page's Retry-After). */
  responseHeaders?: Record<string, string>;
  /** The complete set of headers the rewritten request carries. */
  requestHeaders: Headers;
  /** Set when the proxy answers without rewriting (then rewritePath is not used). */
  answer?: ProxyAnswer;
}

function isUnder(prefix: string, pathname: string): boolean {
  return pathname === prefix || pathname.startsWith(`${prefix}/`);
}

/**
 * A server action posted from another origin. Next refuses it too, but with a 500; answered here as the
 * 403 every other cross-site write gets (lib/http/tenant-request.ts sameOriginStep).
 */
export function crossOriginActionAnswer(headers: Headers, host: string, protocol: string): ProxyAnswer | null {
  const origin = headers.get("origin");
  if (!headers.has("next-action") || origin === null || origin === `${protocol}://${host}`) return null;
  return { kind: "json", status: 403, body: { error: "forbidden", message: "Cross-site request refused" } };
}

/** Staff pages: on a custom domain they move (308) to the same path on {slug}.<root>. */
const STAFF_PAGE_PREFIXES = ["/dashboard", "/accept-invite"];
/** Staff APIs: on a custom domain they do not exist (404). */
const STAFF_API_PREFIXES = ["/api/v1", "/api/auth/token"];

/**
 * A tenant's verified custom domain serves the portal only: it is the origin where the tenant's own
 * script runs, so no staff page or staff API may share it. Null for anything the portal serves.
 */
export function customDomainAnswer(pathname: string, search: string, workspaceOrigin: string): ProxyAnswer | null {
  if (STAFF_PAGE_PREFIXES.some((prefix) => isUnder(prefix, pathname))) {
    return { kind: "redirect", status: 308, location: `${workspaceOrigin}${pathname}${search}` };
  }
  if (STAFF_API_PREFIXES.some((prefix) => isUnder(prefix, pathname))) {
    const message = `Staff APIs are not served on a custom domain; use ${workspaceOrigin}${pathname}`;
    return { kind: "json", status: 404, body: { error: "not_found", message } };
  }
  return null;
}

function underPrefix(prefix: string, pathname: string): string {
  return pathname === "/" ? prefix : `${prefix}${pathname}`;
}

export function apexPath(pathname: string): string {
  return underPrefix("/apex", pathname);
}

export function adminPath(pathname: string): string {
  return underPrefix("/admin", pathname);
}

export function tenantPath(tenantId: string, pathname: string): string {
  return underPrefix(`/t/${encodeURIComponent(tenantId)}`, pathname);
}

export function unknownHostPath(): string {
  return UNKNOWN_HOST_PATH;
}

/**
 * The headers the app sees: the client's, minus every `x-anchor-*`, with `x-forwarded-host` pinned to
 * the Host the tenant was resolved from and a request id of our own.
 */
export function forwardedRequestHeaders(incomingHeaders: Headers, host: string, requestId: string, pathname = "/", protocol = "http"): Headers {
  const headers = new Headers();
  incomingHeaders.forEach((value, name) => {
    if (!name.toLowerCase().startsWith(INTERNAL_HEADER_PREFIX)) headers.append(name, value);
  });
  if (host) headers.set(FORWARDED_HOST_HEADER, host);
  else headers.delete(FORWARDED_HOST_HEADER);
  headers.set(REQUEST_ID_HEADER, requestId);
  headers.set("x-forwarded-proto", protocol);
  headers.set(ORIGINAL_PATH_HEADER, pathname);
  return headers;
}

function normalisedPathname(pathname: string): string {
  return pathname.startsWith("/") ? pathname : `/${pathname}`;
}

/** The platform's own files in public/, served as they are on the apex and the admin host (never on a tenant's: white-label). */
export const PLATFORM_PUBLIC_FILES: ReadonlySet<string> = new Set(["/favicon.ico", "/logo.svg"]);

/** Where proxy.ts sends a request, and with which headers. Pure: the host is already resolved. */
export function routeRequest(input: ProxyRoutingInput): ProxyRouting {
  const pathname = normalisedPathname(input.pathname);
  const requestHeaders = forwardedRequestHeaders(input.incomingHeaders, input.host, input.requestId, pathname, input.protocol);
  const { resolved } = input;
  const crossOrigin = crossOriginActionAnswer(input.incomingHeaders, input.host, input.protocol ?? "http");
  if (crossOrigin) {
    const tenantId = resolved.surface === "tenant" ? resolved.tenant.id : null;
    const surface = resolved.surface;
    return { surface, tenantId, rewritePath: unknownHostPath(), requestHeaders, answer: crossOrigin };
  }
  if (pathname === TLS_CHECK_PATH && (resolved.surface === "apex" || LOOPBACK_HOST.test(input.host))) {
    return { surface: "apex", tenantId: null, rewritePath: apexPath(pathname), requestHeaders };
  }
  switch (resolved.surface) {
    case "apex":
      return { surface: "apex", tenantId: null, rewritePath: PLATFORM_PUBLIC_FILES.has(pathname) ? pathname : apexPath(pathname), requestHeaders };
    case "admin":
      return { surface: "admin", tenantId: null, rewritePath: PLATFORM_PUBLIC_FILES.has(pathname) ? pathname : adminPath(pathname), requestHeaders };
    case "tenant":
      // Pages of a suspended tenant get a server-rendered 403 page; its API still answers JSON 403s itself.
      if (resolved.tenant.status === "suspended" && !pathname.startsWith("/api/")) {
        return { surface: "tenant", tenantId: resolved.tenant.id, rewritePath: SUSPENDED_PATH, status: 403, requestHeaders };
      }
      // Pages of a tenant in maintenance: the maintenance page (503 + Retry-After, as its API); its API answers 503 itself, its logo files still load.
      if (resolved.tenant.maintenance && !input.maintenanceBypass && !pathname.startsWith("/api/") && !isUnder("/assets", pathname)) {
        const retryAfter = String(maintenanceRetryAfterSeconds(resolved.tenant.maintenance));
        return { surface: "tenant", tenantId: resolved.tenant.id, rewritePath: MAINTENANCE_PATH, status: 503, responseHeaders: { "retry-after": retryAfter }, requestHeaders };
      }
      if (resolved.origin === "custom-domain") {
        const workspaceOrigin = `${input.protocol ?? "http"}://${resolved.tenant.slug}.${input.rootDomain}`;
        const answer = customDomainAnswer(pathname, input.search ?? "", workspaceOrigin);
        if (answer) return { surface: "tenant", tenantId: resolved.tenant.id, rewritePath: tenantPath(resolved.tenant.id, pathname), requestHeaders, answer };
      }
      return { surface: "tenant", tenantId: resolved.tenant.id, rewritePath: tenantPath(resolved.tenant.id, pathname), requestHeaders };
    case "unknown":
      return { surface: "unknown", tenantId: null, rewritePath: unknownHostPath(), requestHeaders };
  }
}
