import { describe, expect, it } from "vitest";
import type { TenantRef } from "./context";
import { MAINTENANCE_PATH, routeRequest, SUSPENDED_PATH, UNKNOWN_HOST_PATH, type ProxyRoutingInput } from "./proxy-routing";

const acme: TenantRef = {
  id: "0b6f6c3e-8d0a-4c52-9a51-3f7f1f1f2a10",
  slug: "acme",
  name: "Acme Realty",
  status: "active",
  planId: "standard",
  customDomain: null,
  customDomainVerified: false,
  maintenance: null,
};
const requestId = "7d3c1a52-4a0e-4f1e-9b7a-6c1d2e3f4a5b";

function route(overrides: Partial<ProxyRoutingInput>) {
  return routeRequest({
    resolved: { surface: "apex" },
    host: "localhost:3000",
    pathname: "/",
    incomingHeaders: new Headers(),
    requestId,
    rootDomain: "localhost:3000",
    ...overrides,
  });
}

describe("routeRequest: rewrite targets", () => {
  it.each([
    ["/", "/apex"],
    ["/pricing", "/apex/pricing"],
    [`/t/${acme.id}`, `/apex/t/${acme.id}`],
    [`/t/${acme.id}/`, `/apex/t/${acme.id}/`],
    ["/acme", "/apex/acme"],
    ["/apex", "/apex/apex"],
    ["/admin", "/apex/admin"],
  ])("apex %s → %s", (pathname, expected) => {
    const routing = route({ pathname });
    expect(routing).toMatchObject({ surface: "apex", tenantId: null, rewritePath: expected });
  });

  it.each([
    ["/", "/admin"],
    ["/tenants", "/admin/tenants"],
    ["/apex", "/admin/apex"],
  ])("admin %s → %s", (pathname, expected) => {
    expect(route({ resolved: { surface: "admin" }, host: "admin.localhost:3000", pathname }).rewritePath).toBe(expected);
  });

  it.each([
    ["/", `/t/${acme.id}`],
    ["/properties/1", `/t/${acme.id}/properties/1`],
    ["/t/another-tenant", `/t/${acme.id}/t/another-tenant`],
  ])("tenant %s → %s", (pathname, expected) => {
    const routing = route({ resolved: { surface: "tenant", tenant: acme, origin: "workspace" }, host: "acme.localhost:3000", pathname });
    expect(routing).toMatchObject({ surface: "tenant", tenantId: acme.id, rewritePath: expected });
  });

  it.each(["/favicon.ico", "/logo.svg"])("serves the platform's %s from public/ on the apex and admin host, never on a tenant's", (pathname) => {
    expect(route({ pathname }).rewritePath).toBe(pathname);
    expect(route({ resolved: { surface: "admin" }, host: "admin.localhost:3000", pathname }).rewritePath).toBe(pathname);
    const tenant = route({ resolved: { surface: "tenant", tenant: acme, origin: "workspace" }, host: "acme.localhost:3000", pathname });
    expect(tenant.rewritePath).toBe(`/t/${acme.id}${pathname}`);
  });

  it.each(["/", "/dashboard", "/t/x"])("sends a suspended tenant's page %s to the suspended page with 403", (pathname) => {
    const routing = route({ resolved: { surface: "tenant", tenant: { ...acme, status: "suspended" }, origin: "workspace" }, pathname });
    expect(routing).toMatchObject({ rewritePath: SUSPENDED_PATH, status: 403, tenantId: acme.id });
  });

  it.each(["/", "/dashboard", "/login"])("answers a page %s of a tenant in maintenance with the maintenance page, 503 and Retry-After until the announced end", (pathname) => {
    const until = new Date(Date.now() + 10 * 60_000).toISOString();
    const routing = route({ resolved: { surface: "tenant", tenant: { ...acme, maintenance: { message: null, until } }, origin: "workspace" }, pathname });
    expect(routing).toMatchObject({ rewritePath: MAINTENANCE_PATH, status: 503, tenantId: acme.id });
    expect(Number(routing.responseHeaders?.["retry-after"])).toBeGreaterThan(9 * 60);
    expect(Number(routing.responseHeaders?.["retry-after"])).toBeLessThanOrEqual(10 * 60);
    const openEnded = route({ resolved: { surface: "tenant", tenant: { ...acme, maintenance: { message: null, until: null } }, origin: "workspace" }, pathname });
    expect(openEnded.responseHeaders).toEqual({ "retry-after": "300" });
    expect(route({ resolved: { surface: "tenant", tenant: acme, origin: "workspace" }, pathname }).responseHeaders).toBeUndefined();
  });

  it("lets a suspended tenant's API routes answer their own JSON 403", () => {
    const routing = route({ resolved: { surface: "tenant", tenant: { ...acme, status: "suspended" }, origin: "workspace" }, pathname: "/api/v1/properties" });
    expect(routing).toMatchObject({ rewritePath: `/t/${acme.id}/api/v1/properties` });
    expect(routing.status).toBeUndefined();
  });

  it.each(["/", "/t/x", "/apex", `/t/${acme.id}`])("unknown host %s → the 404 path, whatever the path", (pathname) => {
    const routing = route({ resolved: { surface: "unknown" }, host: "evil.example", pathname });
    expect(routing).toMatchObject({ surface: "unknown", tenantId: null, rewritePath: UNKNOWN_HOST_PATH });
  });
});

describe("routeRequest: a custom domain serves the portal only", () => {
  const onCustomDomain = { resolved: { surface: "tenant", tenant: { ...acme, customDomain: "homes.acme.test", customDomainVerified: true }, origin: "custom-domain" }, host: "homes.acme.test" } as const;

  it.each([
    ["/dashboard", "", "http://acme.localhost:3000/dashboard"],
    ["/dashboard/properties/1", "?tab=photos&x=%2F", "http://acme.localhost:3000/dashboard/properties/1?tab=photos&x=%2F"],
    ["/accept-invite", "?token=abc", "http://acme.localhost:3000/accept-invite?token=abc"],
  ])("redirects the staff page %s%s with 308 to %s", (pathname, search, location) => {
    const routing = route({ ...onCustomDomain, pathname, search });
    expect(routing.answer).toEqual({ kind: "redirect", status: 308, location });
  });

  it("redirects to the https workspace origin when the app is served over https", () => {
    const routing = route({ ...onCustomDomain, pathname: "/dashboard", protocol: "https", rootDomain: "example.com" });
    expect(routing.answer).toMatchObject({ status: 308, location: "https://acme.example.com/dashboard" });
  });

  it.each(["/api/v1", "/api/v1/members/1", "/api/v1/properties", "/api/auth/token"])("answers the staff API %s with a JSON 404 naming the workspace host", (pathname) => {
    const routing = route({ ...onCustomDomain, pathname });
    expect(routing.answer).toMatchObject({ kind: "json", status: 404, body: { error: "not_found" } });
    expect(routing.answer?.kind === "json" && routing.answer.body.message).toContain("acme.localhost:3000");
  });

  it.each(["/", "/properties/1", "/my-enquiries", "/sign-up", "/login", "/forgot-password", "/reset-password", "/set-password", "/auth/handoff", "/api/portal/enquiries", "/api/portal/photos/1", "/api/tenant/branding", "/api/auth/session", "/api/auth/callback/credentials", "/assets/logo.png", "/dashboarding", "/api/v10", "/api/auth/tokens"])(
    "serves the portal path %s there",
    (pathname) => {
      const routing = route({ ...onCustomDomain, pathname });
      expect(routing.answer).toBeUndefined();
      expect(routing.rewritePath).toBe(`/t/${acme.id}${pathname === "/" ? "" : pathname}`);
    },
  );

  it.each(["/dashboard", "/accept-invite", "/api/v1/members/1", "/api/auth/token"])("serves %s on the workspace host {slug}.<root> as before", (pathname) => {
    const routing = route({ resolved: { surface: "tenant", tenant: acme, origin: "workspace" }, host: "acme.localhost:3000", pathname });
    expect(routing.answer).toBeUndefined();
    expect(routing.rewritePath).toBe(`/t/${acme.id}${pathname}`);
  });
});

describe("routeRequest: request headers", () => {
  it("drops every client-sent x-anchor-* header and keeps the others", () => {
    const incomingHeaders = new Headers({
      "x-anchor-tenant-id": acme.id,
      "X-Anchor-Surface": "admin",
      "x-anchor-": "empty suffix",
      accept: "text/html",
      cookie: "a=b",
      "x-anchored": "not internal",
    });
    const { requestHeaders } = route({ incomingHeaders });
    const names = [...requestHeaders.keys()];
    expect(names.filter((name) => name.startsWith("x-anchor-"))).toEqual(["x-anchor-path"]);
    expect(requestHeaders.get("x-anchor-path")).toBe("/");
    expect(requestHeaders.get("accept")).toBe("text/html");
    expect(requestHeaders.get("cookie")).toBe("a=b");
    expect(requestHeaders.get("x-anchored")).toBe("not internal");
  });

  it("sets x-forwarded-proto from the configured protocol, not the client's", () => {
    const incomingHeaders = new Headers({ "x-forwarded-proto": "https" });
    expect(route({ incomingHeaders }).requestHeaders.get("x-forwarded-proto")).toBe("http");
    expect(route({ incomingHeaders, protocol: "https" }).requestHeaders.get("x-forwarded-proto")).toBe("https");
  });

  it("overwrites a spoofed x-forwarded-host with the Host", () => {
    const incomingHeaders = new Headers({ host: "localhost:3000", "x-forwarded-host": "acme.localhost:3000" });
    const { requestHeaders } = route({ incomingHeaders });
    expect(requestHeaders.get("x-forwarded-host")).toBe("localhost:3000");
    expect(requestHeaders.get("host")).toBe("localhost:3000");
  });

  it("removes x-forwarded-host when there is no Host", () => {
    const { requestHeaders } = route({ host: "", resolved: { surface: "unknown" }, incomingHeaders: new Headers({ "x-forwarded-host": "acme.localhost:3000" }) });
    expect(requestHeaders.has("x-forwarded-host")).toBe(false);
  });

  it("replaces a client-sent x-request-id with the proxy's own", () => {
    const { requestHeaders } = route({ incomingHeaders: new Headers({ "x-request-id": "client-chosen" }) });
    expect(requestHeaders.get("x-request-id")).toBe(requestId);
  });

  it("does not modify the incoming headers", () => {
    const incomingHeaders = new Headers({ "x-anchor-tenant-id": acme.id, "x-forwarded-host": "evil.example" });
    route({ incomingHeaders });
    expect(incomingHeaders.get("x-anchor-tenant-id")).toBe(acme.id);
    expect(incomingHeaders.get("x-forwarded-host")).toBe("evil.example");
  });
});

describe("routeRequest: TLS check", () => {
  it.each(["127.0.0.1:3000", "localhost:3000", "[::1]:3000"])("serves Caddy's ask endpoint on loopback host %s", (host) => {
    const routing = routeRequest({ resolved: { surface: "unknown" }, host, pathname: "/api/domains/tls-check", incomingHeaders: new Headers(), requestId: "r", rootDomain: "localhost:3000" });
    expect(routing.rewritePath).toBe("/apex/api/domains/tls-check");
  });

  it("does not serve it on other unknown hosts", () => {
    const routing = routeRequest({ resolved: { surface: "unknown" }, host: "evil.example", pathname: "/api/domains/tls-check", incomingHeaders: new Headers(), requestId: "r", rootDomain: "localhost:3000" });
    expect(routing.rewritePath).toBe(UNKNOWN_HOST_PATH);
  });
});

describe("routeRequest: server actions from another origin", () => {
  const tenantHost = { resolved: { surface: "tenant" as const, tenant: acme, origin: "workspace" as const }, host: "acme.localhost:3000", pathname: "/dashboard" };

  it("answers 403 itself for an action posted from another origin (Next would answer 500)", () => {
    const routing = route({ ...tenantHost, incomingHeaders: new Headers({ "next-action": "abc123", origin: "http://globex.localhost:3000" }) });
    expect(routing.answer).toEqual({ kind: "json", status: 403, body: { error: "forbidden", message: "Cross-site request refused" } });
  });

  it("lets the host's own origin, and requests without an Origin, through to the action", () => {
    expect(route({ ...tenantHost, incomingHeaders: new Headers({ "next-action": "abc123", origin: "http://acme.localhost:3000" }) }).answer).toBeUndefined();
    expect(route({ ...tenantHost, incomingHeaders: new Headers({ "next-action": "abc123" }) }).answer).toBeUndefined();
  });

  it("compares with the protocol the platform serves", () => {
    const headers = new Headers({ "next-action": "abc123", origin: "http://acme.localhost:3000" });
    expect(route({ ...tenantHost, incomingHeaders: headers, protocol: "https" }).answer?.status).toBe(403);
  });

  it("leaves plain cross-origin requests without the action header to the route's own checks", () => {
    expect(route({ ...tenantHost, incomingHeaders: new Headers({ origin: "http://globex.localhost:3000" }) }).answer).toBeUndefined();
  });
});
