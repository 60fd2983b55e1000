/**
 * The cross-tenant attack table (issue 10, row B2): every route handler method, page and server action of
 * the app, with its surface, the tenant data it touches, how to call it, and what each attack must get.
 * route-table.spec.ts fails when the app/ tree (or the build's action manifest) and this table disagree;
 * cross-tenant.spec.ts sends every attack of every row to the real server.
 *
 * Attacks (principals and hosts are the attack world's, see attack-world.ts; "a" is the target tenant):
 *   unauthenticated  no credentials, on a's host
 *   customer         a's customer session
 *   viewer           a's viewer session (and, for API routes, a's viewer bearer token)
 *   foreign-session  b's owner session cookie on a's host
 *   foreign-token    b's owner bearer token on a's host
 *   foreign-ids      a's owner (session, and token for API routes) with b's ids in path, query or body
 *   apex-host        a's owner credentials, same path and body on the apex host
 *   admin-host       … on the admin host
 *   tenant-host      (apex and admin rows) the same path on a's host, with a's owner credentials
 *   spoof-apex       Host: apex, with X-Forwarded-Host / X-Forwarded-Proto / x-anchor-* naming a, a's owner credentials
 *   spoof-tenant     Host: b's host, with X-Forwarded-Host / x-anchor-* naming a, a's owner credentials
 *   internal-path    /t/<a's id><path> on the apex host and /t/<b's id><path> on a's host, a's owner credentials
 *   cross-origin     a's owner session, Origin: http://<b's host> (writes only)
 *   custom-domain    a's verified custom domain with a's owner session and token (ORIGIN-MODEL.md)
 *
 * Every response is also searched for every string of both tenants that the request must not see: all
 * of the other tenant's, the target tenant's private ones unless the principal is its staff and the row
 * expects success, never the principal's own identity (see leakCandidates in cross-tenant.spec.ts).
 */
import type { TenantObjectIds } from "./attack-world";

export const ATTACKS = [
  "unauthenticated",
  "customer",
  "viewer",
  "foreign-session",
  "foreign-token",
  "foreign-ids",
  "apex-host",
  "admin-host",
  "tenant-host",
  "spoof-apex",
  "spoof-tenant",
  "internal-path",
  "cross-origin",
  "custom-domain",
] as const;
export type Attack = (typeof ATTACKS)[number];

export type Surface = "tenant staff API" | "tenant staff page" | "portal" | "public tenant" | "auth" | "apex" | "admin";

/**
 * What one attack must get. `status` exactly; `location` (templated) must be a prefix of the Location;
 * `code` is the JSON error code (API) or the action result's error code; `text` must appear in the body;
 * `anonymous`: the principal's own identity must not appear either (it is not honoured there).
 * `{slugHost}`, `{root}`, `{path}` and `{customDomain}` are filled in from the world and the row.
 */
export interface Outcome {
  status: number;
  location?: string;
  code?: string;
  text?: string;
  /** A response header line, `name: value-prefix` (e.g. Next's `x-action-redirect: /login`). */
  header?: string;
  anonymous?: boolean;
}
/** A list means any one of them. `skip` says why the attack does not apply. */
export type Expectation = Outcome | Outcome[] | { skip: string };

export interface RouteRow {
  kind: "route" | "page" | "action";
  file: string;
  /** HTTP method (routes), `default` (pages), exported name (actions). */
  name: string;
  surface: Surface;
  touches: string;
  /** Public path, `{property}`-style placeholders from TenantObjectIds; for actions the page posting it. */
  path: string;
  /** JSON body (routes) from the ids of the tenant under attack (b's for foreign-ids). */
  json?: (ids: TenantObjectIds) => unknown;
  multipart?: (ids: TenantObjectIds) => Record<string, string | { name: string; mimeType: string; buffer: Buffer }>;
  /** Server actions: the arguments, as the page's client code passes them. */
  args?: (ids: TenantObjectIds) => unknown[];
  /** The row creates something from its body: custom-domain probes send an empty one (the app today still serves staff there). */
  creates?: boolean;
  /** Who the custom-domain probes sign in as when a's owner could do damage today (removing the domain the rows need). */
  customDomainAs?: "agent";
  /** Sign-in rows: the body is the principal's email and password (and next-auth's CSRF token with `csrf`). */
  credentials?: "json" | "csrf-form";
  expect: Record<Attack, Expectation>;
}

const skip = (reason: string) => ({ skip: reason });
const S = (status: number, extra: Omit<Outcome, "status"> = {}): Outcome => ({ status, ...extra });
const NA_READ = skip("reads only: nothing to forge");
const NO_IDS = skip("takes no ids");
const NOT_TENANT = skip("not a tenant surface");

const DENIED_401 = S(401, { code: "unauthorized" });
const DENIED_403 = S(403, { code: "forbidden" });
const NOT_FOUND = S(404, { code: "not_found" });
const PAGE_404 = S(404);
const TO_LOGIN = S(307, { location: "/login?next=" });
/** ORIGIN-MODEL.md: staff API on a custom domain. */
const CUSTOM_DOMAIN_API = S(404, { code: "not_found", text: "{slugHost}" });
/** ORIGIN-MODEL.md: staff pages on a custom domain. */
const CUSTOM_DOMAIN_PAGE = S(308, { location: "http://{slugHost}{path}" });
/**
 * A path that exists on no surface it is sent to: proxy.ts rewrote it into the apex, admin or another
 * tenant's tree. Next answers GETs with its 404 page, other methods with 400 "Invalid Server Action request",
 * and a server action call with 409 "Server Action unavailable" (no page there uses that action).
 */
const NO_SUCH_ROUTE: Outcome[] = [PAGE_404, S(400, { text: "Invalid Server Action request" }), S(409, { text: "Server Action unavailable" })];
const INTERNAL = NO_SUCH_ROUTE;
/** proxy.ts refuses a server action whose Origin is not its host before Next or the action sees it. */
const CROSS_ORIGIN_ACTION = S(403, { code: "forbidden" });

type Presets = Record<Attack, Expectation>;

/** A staff API route under withTenant. */
function staffApi(options: { write: boolean; viewer: "allowed" | "denied"; ids: "path" | "query" | "body" | "none" }): Presets {
  return {
    unauthenticated: DENIED_401,
    customer: DENIED_403,
    viewer: options.viewer === "allowed" ? S(200) : DENIED_403,
    "foreign-session": DENIED_403,
    "foreign-token": DENIED_403,
    "foreign-ids": options.ids === "none" ? NO_IDS : options.ids === "query" ? S(200) : NOT_FOUND,
    "apex-host": NO_SUCH_ROUTE,
    "admin-host": NO_SUCH_ROUTE,
    "tenant-host": NOT_TENANT,
    "spoof-apex": NO_SUCH_ROUTE,
    "spoof-tenant": DENIED_403,
    "internal-path": INTERNAL,
    "cross-origin": options.write ? DENIED_403 : NA_READ,
    "custom-domain": CUSTOM_DOMAIN_API,
  };
}

/** A staff dashboard page under requireStaff. */
function staffPage(options: { viewer: "allowed" | "denied"; ids: boolean }): Presets {
  return {
    unauthenticated: TO_LOGIN,
    customer: S(403),
    viewer: options.viewer === "allowed" ? S(200) : S(403),
    "foreign-session": TO_LOGIN,
    "foreign-token": TO_LOGIN,
    "foreign-ids": options.ids ? PAGE_404 : NO_IDS,
    "apex-host": PAGE_404,
    "admin-host": PAGE_404,
    "tenant-host": NOT_TENANT,
    "spoof-apex": PAGE_404,
    "spoof-tenant": TO_LOGIN,
    "internal-path": INTERNAL,
    "cross-origin": NA_READ,
    "custom-domain": CUSTOM_DOMAIN_PAGE,
  };
}

/** The admin host's next-auth catch-all (/api/auth/[...nextauth]) gets /api/auth/token and /api/auth/handoff there. */
const NEXT_AUTH_UNKNOWN_ACTION = S(400, { text: "not supported by NextAuth.js" });

const actionResult = (code: string): Outcome => S(200, { code });

/** A staff server action under tenantAction, posted to its dashboard page. */
function staffAction(options: { ids: boolean }): Presets {
  return {
    unauthenticated: actionResult("unauthorized"),
    customer: actionResult("forbidden"),
    viewer: actionResult("forbidden"),
    "foreign-session": actionResult("forbidden"),
    // tenantAction reads the Authorization header too, so b's token is b's identity: refused as another workspace's.
    "foreign-token": actionResult("forbidden"),
    "foreign-ids": options.ids ? actionResult("not_found") : NO_IDS,
    "apex-host": NO_SUCH_ROUTE,
    "admin-host": NO_SUCH_ROUTE,
    "tenant-host": NOT_TENANT,
    "spoof-apex": NO_SUCH_ROUTE,
    "spoof-tenant": actionResult("forbidden"),
    "internal-path": INTERNAL,
    "cross-origin": CROSS_ORIGIN_ACTION,
    "custom-domain": [CUSTOM_DOMAIN_PAGE, actionResult("unauthorized")],
  };
}

/** A public page or route of a tenant: everyone gets it on the tenant's hosts, nobody elsewhere. */
function publicTenant(options: { ids: boolean; apex?: Expectation; admin?: Expectation; foreignIds?: Expectation; write?: boolean; customDomain?: Expectation }): Presets {
  return {
    unauthenticated: S(200),
    customer: S(200),
    viewer: S(200),
    "foreign-session": S(200),
    "foreign-token": S(200),
    "foreign-ids": options.ids ? (options.foreignIds ?? PAGE_404) : NO_IDS,
    "apex-host": options.apex ?? NO_SUCH_ROUTE,
    "admin-host": options.admin ?? NO_SUCH_ROUTE,
    "tenant-host": NOT_TENANT,
    "spoof-apex": options.apex ?? NO_SUCH_ROUTE,
    // a's ids on b's host name nothing there.
    "spoof-tenant": options.ids ? (options.foreignIds ?? PAGE_404) : S(200),
    "internal-path": INTERNAL,
    "cross-origin": options.write ? S(200) : NA_READ,
    "custom-domain": options.customDomain ?? S(200),
  };
}

/** Apex and admin rows: tenant principals and ids do not apply; the other surfaces must not serve them. */
function platformSurface(options: { unauthenticated: Expectation; tenantSession: Expectation; apex: Expectation; admin: Expectation; tenantHost: Expectation }): Presets {
  return {
    unauthenticated: options.unauthenticated,
    customer: skip("no tenant principal on this surface"),
    viewer: skip("no tenant principal on this surface"),
    "foreign-session": options.tenantSession,
    "foreign-token": skip("no bearer tokens on this surface"),
    "foreign-ids": NO_IDS,
    "apex-host": options.apex,
    "admin-host": options.admin,
    "tenant-host": options.tenantHost,
    "spoof-apex": options.apex,
    "spoof-tenant": options.tenantHost,
    "internal-path": INTERNAL,
    "cross-origin": NA_READ,
    "custom-domain": skip("a custom domain is a tenant host: covered by tenant-host"),
  };
}

const png = () => ({ name: "attack.png", mimeType: "image/png", buffer: Buffer.from("89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de0000000c4944415408d763f8cfc000000301010018dd8db00000000049454e44ae426082", "hex") });
const T = "app/t/[tenantId]";

export const ROUTE_TABLE: RouteRow[] = [
  // ── tenant staff API (withTenant) ────────────────────────────────────────────────────────────────
  { kind: "route", file: `${T}/api/v1/analytics/advanced/route.ts`, name: "GET", surface: "tenant staff API", touches: "listing performance (properties, leads, transactions)", path: "/api/v1/analytics/advanced", expect: staffApi({ write: false, viewer: "allowed", ids: "none" }) },
  { kind: "route", file: `${T}/api/v1/audit/route.ts`, name: "GET", surface: "tenant staff API", touches: "audit log", path: "/api/v1/audit", expect: staffApi({ write: false, viewer: "denied", ids: "none" }) },
  { kind: "route", file: `${T}/api/v1/mail-previews/[template]/route.ts`, name: "GET", surface: "tenant staff API", touches: "mail templates in the tenant's brand", path: "/api/v1/mail-previews/password-reset", expect: staffApi({ write: false, viewer: "denied", ids: "none" }) },
  { kind: "route", file: `${T}/api/v1/audit/export/route.ts`, name: "GET", surface: "tenant staff API", touches: "audit log", path: "/api/v1/audit/export", expect: staffApi({ write: false, viewer: "denied", ids: "none" }) },
  {
    kind: "route", file: `${T}/api/v1/branding/assets/route.ts`, name: "POST", surface: "tenant staff API", touches: "branding assets (S3)", path: "/api/v1/branding/assets",
    multipart: () => ({ kind: "logo", file: png() }), creates: true, expect: staffApi({ write: true, viewer: "denied", ids: "none" }),
  },
  { kind: "route", file: `${T}/api/v1/documents/[id]/download/route.ts`, name: "GET", surface: "tenant staff API", touches: "documents (S3 presigned URL)", path: "/api/v1/documents/{document}/download", expect: { ...staffApi({ write: false, viewer: "allowed", ids: "path" }), viewer: S(302) } },
  { kind: "route", file: `${T}/api/v1/documents/[id]/route.ts`, name: "DELETE", surface: "tenant staff API", touches: "documents", path: "/api/v1/documents/{document}", expect: staffApi({ write: true, viewer: "denied", ids: "path" }) },
  { kind: "route", file: `${T}/api/v1/documents/route.ts`, name: "GET", surface: "tenant staff API", touches: "documents", path: "/api/v1/documents?propertyId={draftProperty}", expect: staffApi({ write: false, viewer: "allowed", ids: "query" }) },
  {
    kind: "route", file: `${T}/api/v1/documents/route.ts`, name: "POST", surface: "tenant staff API", touches: "documents (S3)", path: "/api/v1/documents",
    multipart: (ids) => ({ file: { name: "attack-upload.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4\n%%EOF\n") }, propertyId: ids.draftProperty }), creates: true,
    expect: staffApi({ write: true, viewer: "denied", ids: "body" }),
  },
  { kind: "route", file: `${T}/api/v1/leads/[id]/handled/route.ts`, name: "POST", surface: "tenant staff API", touches: "leads", path: "/api/v1/leads/{lead}/handled", expect: staffApi({ write: true, viewer: "denied", ids: "path" }) },
  { kind: "route", file: `${T}/api/v1/leads/[id]/notes/route.ts`, name: "POST", surface: "tenant staff API", touches: "leads (notes)", path: "/api/v1/leads/{lead}/notes", json: () => ({ body: "Note by the attack suite" }), creates: true, expect: staffApi({ write: true, viewer: "denied", ids: "path" }) },
  { kind: "route", file: `${T}/api/v1/leads/[id]/route.ts`, name: "GET", surface: "tenant staff API", touches: "leads (with notes)", path: "/api/v1/leads/{lead}", expect: staffApi({ write: false, viewer: "allowed", ids: "path" }) },
  { kind: "route", file: `${T}/api/v1/leads/[id]/route.ts`, name: "PATCH", surface: "tenant staff API", touches: "leads (status, assignee)", path: "/api/v1/leads/{lead}", json: () => ({ status: "closed" }), expect: staffApi({ write: true, viewer: "denied", ids: "path" }) },
  { kind: "route", file: `${T}/api/v1/leads/route.ts`, name: "GET", surface: "tenant staff API", touches: "leads", path: "/api/v1/leads?propertyId={property}", expect: staffApi({ write: false, viewer: "allowed", ids: "query" }) },
  { kind: "route", file: `${T}/api/v1/members/[id]/deactivate/route.ts`, name: "POST", surface: "tenant staff API", touches: "members", path: "/api/v1/members/{member}/deactivate", expect: staffApi({ write: true, viewer: "denied", ids: "path" }) },
  { kind: "route", file: `${T}/api/v1/members/[id]/reactivate/route.ts`, name: "POST", surface: "tenant staff API", touches: "members", path: "/api/v1/members/{member}/reactivate", expect: staffApi({ write: true, viewer: "denied", ids: "path" }) },
  { kind: "route", file: `${T}/api/v1/members/[id]/resend-invite/route.ts`, name: "POST", surface: "tenant staff API", touches: "members, invitation mail", path: "/api/v1/members/{invite}/resend-invite", expect: staffApi({ write: true, viewer: "denied", ids: "path" }) },
  { kind: "route", file: `${T}/api/v1/members/[id]/route.ts`, name: "PATCH", surface: "tenant staff API", touches: "members (roles)", path: "/api/v1/members/{member}", json: () => ({ role: "owner" }), expect: staffApi({ write: true, viewer: "denied", ids: "path" }) },
  { kind: "route", file: `${T}/api/v1/members/route.ts`, name: "GET", surface: "tenant staff API", touches: "members, seats", path: "/api/v1/members", expect: staffApi({ write: false, viewer: "allowed", ids: "none" }) },
  { kind: "route", file: `${T}/api/v1/members/route.ts`, name: "POST", surface: "tenant staff API", touches: "members (invitations)", path: "/api/v1/members", json: () => ({ email: "attack-invite@attack.test", role: "owner" }), creates: true, expect: staffApi({ write: true, viewer: "denied", ids: "none" }) },
  { kind: "route", file: `${T}/api/v1/properties/[id]/route.ts`, name: "GET", surface: "tenant staff API", touches: "properties", path: "/api/v1/properties/{draftProperty}", expect: staffApi({ write: false, viewer: "allowed", ids: "path" }) },
  { kind: "route", file: `${T}/api/v1/properties/[id]/route.ts`, name: "PATCH", surface: "tenant staff API", touches: "properties", path: "/api/v1/properties/{draftProperty}", json: () => ({ name: "Hijacked by the attack suite", published: true }), expect: staffApi({ write: true, viewer: "denied", ids: "path" }) },
  { kind: "route", file: `${T}/api/v1/properties/[id]/route.ts`, name: "DELETE", surface: "tenant staff API", touches: "properties, their documents", path: "/api/v1/properties/{draftProperty}", expect: staffApi({ write: true, viewer: "denied", ids: "path" }) },
  { kind: "route", file: `${T}/api/v1/properties/route.ts`, name: "GET", surface: "tenant staff API", touches: "properties", path: "/api/v1/properties", expect: staffApi({ write: false, viewer: "allowed", ids: "none" }) },
  {
    kind: "route", file: `${T}/api/v1/properties/route.ts`, name: "POST", surface: "tenant staff API", touches: "properties", path: "/api/v1/properties",
    json: () => ({ name: "Planted by the attack suite", address: "1 Attack Street", price: 1, type: "house" }), creates: true, expect: staffApi({ write: true, viewer: "denied", ids: "none" }),
  },
  { kind: "route", file: `${T}/api/v1/usage/route.ts`, name: "GET", surface: "tenant staff API", touches: "usage metering (Redis), plan limits", path: "/api/v1/usage?days=30", expect: staffApi({ write: false, viewer: "denied", ids: "none" }) },
  { kind: "route", file: `${T}/api/v1/transactions/[id]/cancel/route.ts`, name: "POST", surface: "tenant staff API", touches: "transactions", path: "/api/v1/transactions/{transaction}/cancel", expect: staffApi({ write: true, viewer: "denied", ids: "path" }) },
  { kind: "route", file: `${T}/api/v1/transactions/[id]/complete/route.ts`, name: "POST", surface: "tenant staff API", touches: "transactions", path: "/api/v1/transactions/{transaction}/complete", expect: staffApi({ write: true, viewer: "denied", ids: "path" }) },
  { kind: "route", file: `${T}/api/v1/transactions/[id]/route.ts`, name: "GET", surface: "tenant staff API", touches: "transactions", path: "/api/v1/transactions/{transaction}", expect: staffApi({ write: false, viewer: "allowed", ids: "path" }) },
  { kind: "route", file: `${T}/api/v1/transactions/route.ts`, name: "GET", surface: "tenant staff API", touches: "transactions", path: "/api/v1/transactions?propertyId={draftProperty}", expect: staffApi({ write: false, viewer: "allowed", ids: "query" }) },
  {
    kind: "route", file: `${T}/api/v1/transactions/route.ts`, name: "POST", surface: "tenant staff API", touches: "transactions", path: "/api/v1/transactions",
    json: (ids) => ({ propertyId: ids.draftProperty, kind: "fee", amount: 1 }), creates: true, expect: staffApi({ write: true, viewer: "denied", ids: "body" }),
  },
  // ── portal API and public tenant routes ──────────────────────────────────────────────────────────
  {
    kind: "route", file: `${T}/api/portal/customers/route.ts`, name: "POST", surface: "portal", touches: "users (customers)", path: "/api/portal/customers",
    json: () => ({ name: "Attack", email: "not-an-email", password: "short" }),
    expect: { ...publicTenant({ ids: false, apex: NO_SUCH_ROUTE, admin: NO_SUCH_ROUTE, write: true }), unauthenticated: S(422), customer: S(422), viewer: S(422), "foreign-session": S(422), "foreign-token": S(422), "spoof-tenant": S(422), "cross-origin": S(422), "custom-domain": S(422) },
  },
  {
    kind: "route", file: `${T}/api/portal/enquiries/route.ts`, name: "POST", surface: "portal", touches: "leads", path: "/api/portal/enquiries",
    json: (ids) => ({ propertyId: ids.property, name: "Attack", email: "attack@attack.test", message: "Planted by the attack suite", website: "" }),
    expect: {
      ...publicTenant({ ids: true, apex: NO_SUCH_ROUTE, admin: NO_SUCH_ROUTE, foreignIds: NOT_FOUND, write: true }),
      unauthenticated: skip("public: creates a lead (portal-enquiry.spec); the per-IP limit is kept for foreign-ids"),
      customer: skip("public: creates the customer's own lead"),
      viewer: skip("public: staff may enquire too (the lead is not linked to them)"),
      "foreign-session": DENIED_403,
      "foreign-token": DENIED_403,
      "spoof-tenant": DENIED_403,
      "cross-origin": DENIED_403,
      "custom-domain": skip("portal route served on the custom domain (custom-domain.spec)"),
    },
  },
  {
    kind: "route", file: `${T}/api/portal/enquiries/route.ts`, name: "GET", surface: "portal", touches: "leads (a customer's own)", path: "/api/portal/enquiries",
    expect: { ...staffApi({ write: false, viewer: "denied", ids: "none" }), customer: S(200), "custom-domain": [S(401, { code: "unauthorized" })] }
  },
  { kind: "route", file: `${T}/api/portal/photos/[id]/route.ts`, name: "GET", surface: "portal", touches: "documents (published photos, S3)", path: "/api/portal/photos/{photo}", expect: publicTenant({ ids: true, apex: NO_SUCH_ROUTE, admin: NO_SUCH_ROUTE, foreignIds: NOT_FOUND }) },
  { kind: "route", file: `${T}/api/portal/properties/[id]/route.ts`, name: "GET", surface: "portal", touches: "properties (published)", path: "/api/portal/properties/{property}", expect: publicTenant({ ids: true, apex: NO_SUCH_ROUTE, admin: NO_SUCH_ROUTE, foreignIds: NOT_FOUND }) },
  { kind: "route", file: `${T}/api/portal/properties/route.ts`, name: "GET", surface: "portal", touches: "properties (published)", path: "/api/portal/properties", expect: publicTenant({ ids: false, apex: NO_SUCH_ROUTE, admin: NO_SUCH_ROUTE }) },
  { kind: "route", file: `${T}/api/tenant/branding/route.ts`, name: "GET", surface: "public tenant", touches: "branding settings", path: "/api/tenant/branding", expect: publicTenant({ ids: false, apex: NO_SUCH_ROUTE, admin: NO_SUCH_ROUTE }) },
  { kind: "route", file: `${T}/assets/[...key]/route.ts`, name: "GET", surface: "public tenant", touches: "branding assets (S3)", path: "/assets/{cssAssetKey}", expect: publicTenant({ ids: true, apex: PAGE_404, admin: PAGE_404, foreignIds: PAGE_404 }) },
  // ── auth ─────────────────────────────────────────────────────────────────────────────────────────
  {
    kind: "route", file: `${T}/api/auth/[...nextauth]/route.ts`, name: "GET", surface: "auth", touches: "sessions", path: "/api/auth/session",
    expect: { ...publicTenant({ ids: false, apex: PAGE_404, admin: S(200) }), "custom-domain": S(200, { anonymous: true }) },
  },
  {
    kind: "route", file: `${T}/api/auth/[...nextauth]/route.ts`, name: "POST", surface: "auth", touches: "users (sign-in), sessions", path: "/api/auth/callback/credentials", credentials: "csrf-form",
    expect: {
      unauthenticated: skip("needs a principal's credentials"),
      customer: S(200),
      viewer: S(200),
      "foreign-session": S(401),
      "foreign-token": skip("covered by foreign-session (b's owner's password on a's host)"),
      "foreign-ids": NO_IDS,
      "apex-host": PAGE_404,
      "admin-host": S(401),
      "tenant-host": NOT_TENANT,
      "spoof-apex": PAGE_404,
      "spoof-tenant": S(401),
      "internal-path": INTERNAL,
      "cross-origin": skip("next-auth's own CSRF token (double submit) guards it"),
      "custom-domain": S(401, { text: "Staff sign in at {slugHost}", anonymous: true }),
    }
  },
  {
    kind: "route", file: `${T}/api/auth/token/route.ts`, name: "POST", surface: "auth", touches: "users (API tokens)", path: "/api/auth/token", credentials: "json",
    expect: {
      unauthenticated: skip("needs a principal's credentials"),
      customer: DENIED_403,
      viewer: S(200),
      "foreign-session": DENIED_401,
      "foreign-token": skip("covered by foreign-session (b's owner's password on a's host)"),
      "foreign-ids": NO_IDS,
      "apex-host": NO_SUCH_ROUTE,
      "admin-host": DENIED_401,
      "tenant-host": NOT_TENANT,
      "spoof-apex": NO_SUCH_ROUTE,
      "spoof-tenant": DENIED_401,
      "internal-path": INTERNAL,
      "cross-origin": skip("credentials in the body, no cookie"),
      "custom-domain": { ...CUSTOM_DOMAIN_API, anonymous: true },
    }
  },
  {
    kind: "route", file: `${T}/api/auth/handoff/route.ts`, name: "GET", surface: "auth", touches: "hand-off tokens, sessions", path: "/api/auth/handoff",
    expect: {
      unauthenticated: DENIED_401,
      customer: S(303, { location: "http://{customDomain}:{port}/auth/handoff?token=" }),
      viewer: DENIED_403,
      "foreign-session": DENIED_403,
      "foreign-token": DENIED_403,
      "foreign-ids": NO_IDS,
      "apex-host": NO_SUCH_ROUTE,
      "admin-host": NEXT_AUTH_UNKNOWN_ACTION,
      "tenant-host": NOT_TENANT,
      "spoof-apex": NO_SUCH_ROUTE,
      "spoof-tenant": DENIED_403,
      "internal-path": INTERNAL,
      "cross-origin": NA_READ,
      "custom-domain": S(400, { code: "bad_request" }),
    },
    },
  {
    kind: "route", file: `${T}/auth/handoff/route.ts`, name: "GET", surface: "auth", touches: "hand-off tokens, sessions", path: "/auth/handoff?token=attack-forged-token",
    expect: { ...publicTenant({ ids: false, apex: PAGE_404, admin: PAGE_404 }), unauthenticated: S(400), customer: S(400), viewer: S(400), "foreign-session": S(400), "foreign-token": S(400), "spoof-tenant": S(400), "custom-domain": S(400) },
  },
  {
    kind: "route", file: `${T}/api/auth/impersonation/route.ts`, name: "GET", surface: "auth", touches: "impersonation sessions, sessions", path: "/api/auth/impersonation?token=attack-forged-token",
    expect: {
      ...publicTenant({ ids: false, apex: NO_SUCH_ROUTE, admin: NEXT_AUTH_UNKNOWN_ACTION }),
      unauthenticated: S(400, { code: "bad_request" }), customer: S(400, { code: "bad_request" }), viewer: S(400, { code: "bad_request" }), "foreign-session": S(400, { code: "bad_request" }),
      "foreign-token": S(400, { code: "bad_request" }), "spoof-tenant": S(400, { code: "bad_request" }), "custom-domain": S(400, { code: "bad_request" }),
    },
  },
  {
    kind: "route", file: `${T}/api/auth/impersonation/end/route.ts`, name: "POST", surface: "auth", touches: "impersonation sessions", path: "/api/auth/impersonation/end",
    expect: {
      unauthenticated: DENIED_401,
      customer: S(400, { code: "bad_request" }),
      viewer: S(400, { code: "bad_request" }),
      "foreign-session": DENIED_403,
      "foreign-token": DENIED_403,
      "foreign-ids": NO_IDS,
      "apex-host": NO_SUCH_ROUTE,
      "admin-host": NEXT_AUTH_UNKNOWN_ACTION,
      "tenant-host": NOT_TENANT,
      "spoof-apex": NO_SUCH_ROUTE,
      "spoof-tenant": DENIED_403,
      "internal-path": INTERNAL,
      "cross-origin": DENIED_403,
      "custom-domain": DENIED_401,
    },
  },
  // ── apex and admin ───────────────────────────────────────────────────────────────────────────────
  {
    kind: "route", file: "app/apex/api/domains/tls-check/route.ts", name: "GET", surface: "apex", touches: "custom domains (which exist)", path: "/api/domains/tls-check?domain={customDomainOfB}",
    expect: platformSurface({ unauthenticated: S(404), tenantSession: S(404), apex: S(404), admin: PAGE_404, tenantHost: PAGE_404 }),
  },
  { kind: "page", file: "app/apex/page.tsx", name: "default", surface: "apex", touches: "none", path: "/", expect: platformSurface({ unauthenticated: S(200), tenantSession: S(200), apex: S(200), admin: PAGE_404, tenantHost: S(200) }) },
  ...[["app/apex/signup/page.tsx", "/signup"], ["app/apex/find-workspace/page.tsx", "/find-workspace"]].map(([file, path]): RouteRow => ({
    kind: "page", file: file!, name: "default", surface: "apex", touches: "none", path: path!,
    expect: platformSurface({ unauthenticated: S(200), tenantSession: S(200), apex: S(200), admin: PAGE_404, tenantHost: PAGE_404 }),
  })),
  {
    kind: "route", file: "app/apex/api/signup/route.ts", name: "POST", surface: "apex", touches: "creates a tenant (refused: invalid body)", path: "/api/signup",
    json: () => ({ workspaceName: "A", slug: "www", ownerEmail: "not-an-email" }),
    expect: platformSurface({ unauthenticated: S(422, { code: "validation_failed" }), tenantSession: S(422, { code: "validation_failed" }), apex: S(422, { code: "validation_failed" }), admin: PAGE_404, tenantHost: PAGE_404 }),
  },
  {
    kind: "route", file: "app/apex/api/signup/slug/route.ts", name: "GET", surface: "apex", touches: "tenant slugs (taken or not; a fixed probe, b's slug would count as a leak)", path: "/api/signup/slug?slug=attack-probe",
    expect: platformSurface({ unauthenticated: S(200), tenantSession: S(200), apex: S(200), admin: PAGE_404, tenantHost: PAGE_404 }),
  },
  {
    kind: "route", file: "app/apex/api/find-workspace/route.ts", name: "POST", surface: "apex", touches: "staff addresses (answer never says)", path: "/api/find-workspace",
    json: () => ({ email: "not-an-email" }),
    expect: platformSurface({ unauthenticated: S(422, { code: "validation_failed" }), tenantSession: S(422, { code: "validation_failed" }), apex: S(422, { code: "validation_failed" }), admin: PAGE_404, tenantHost: PAGE_404 }),
  },
  { kind: "route", file: "app/admin/api/auth/[...nextauth]/route.ts", name: "GET", surface: "admin", touches: "platform admin sessions", path: "/api/auth/session", expect: platformSurface({ unauthenticated: S(200), tenantSession: S(200), apex: PAGE_404, admin: S(200), tenantHost: S(200) }) },
  { kind: "route", file: "app/admin/api/auth/[...nextauth]/route.ts", name: "POST", surface: "admin", touches: "platform admins (sign-in)", path: "/api/auth/signout", expect: platformSurface({ unauthenticated: S(302), tenantSession: S(302), apex: PAGE_404, admin: S(302), tenantHost: S(302) }) },
  { kind: "page", file: "app/admin/(console)/page.tsx", name: "default", surface: "admin", touches: "all tenants (names, domains, usage, health)", path: "/", expect: platformSurface({ unauthenticated: TO_LOGIN_ADMIN(), tenantSession: PAGE_404, apex: S(200), admin: PAGE_404, tenantHost: S(200) }) },
  { kind: "page", file: "app/admin/login/page.tsx", name: "default", surface: "admin", touches: "none", path: "/login", expect: platformSurface({ unauthenticated: S(200), tenantSession: S(200), apex: PAGE_404, admin: S(200), tenantHost: S(307) }) },
  { kind: "page", file: "app/admin/forgot-password/page.tsx", name: "default", surface: "admin", touches: "none", path: "/forgot-password", expect: platformSurface({ unauthenticated: S(200), tenantSession: S(200), apex: PAGE_404, admin: S(200), tenantHost: S(200) }) },
  { kind: "page", file: "app/admin/reset-password/page.tsx", name: "default", surface: "admin", touches: "password tokens", path: "/reset-password?token=attack-forged-token", expect: platformSurface({ unauthenticated: S(200), tenantSession: S(200), apex: PAGE_404, admin: S(200), tenantHost: S(200) }) },
  { kind: "route", file: "app/apex/api/bench-floor/route.ts", name: "GET", surface: "apex", touches: "none (constant answer, the benchmark's floor)", path: "/api/bench-floor", expect: platformSurface({ unauthenticated: S(200), tenantSession: S(200), apex: S(200), admin: PAGE_404, tenantHost: PAGE_404 }) },
  { kind: "route", file: "app/apex/api/health/route.ts", name: "GET", surface: "apex", touches: "none (dependency status only)", path: "/api/health", expect: platformSurface({ unauthenticated: S(200), tenantSession: S(200), apex: S(200), admin: PAGE_404, tenantHost: PAGE_404 }) },
  {
    kind: "route", file: "app/admin/api/auth/token/route.ts", name: "POST", surface: "admin", touches: "platform admins (token sign-in)", path: "/api/auth/token",
    json: () => ({ email: "attacker@attack.test", password: "not-a-platform-admin" }),
    expect: platformSurface({ unauthenticated: S(401, { code: "unauthorized" }), tenantSession: S(401, { code: "unauthorized" }), apex: PAGE_404, admin: S(401, { code: "unauthorized" }), tenantHost: S(401, { code: "unauthorized" }) }),
  },
  ...["/api/admin/health", "/api/admin/metrics", "/api/admin/analytics/growth", "/api/admin/analytics/activity", "/api/admin/analytics/resources"].map((path): RouteRow => ({
    kind: "route", file: `app/admin${path}/route.ts`, name: "GET", surface: "admin", touches: "all tenants (health, usage, analytics)", path,
    expect: platformSurface({ unauthenticated: S(401, { code: "unauthorized" }), tenantSession: [S(401), S(403, { code: "forbidden" })], apex: PAGE_404, admin: [S(401), S(403, { code: "forbidden" })], tenantHost: PAGE_404 }),
  })),
  // The console's tenant actions (docs/admin-console-actions.md): no tenant principal gets past the platform-admin step.
  ...(
    [
      ["app/admin/api/admin/tenants/route.ts", "POST", "/api/admin/tenants", "tenants (create)", { name: "Attack", slug: "attack-made", adminEmail: "a@attack.test" }],
      ["app/admin/api/admin/tenants/[slug]/route.ts", "DELETE", "/api/admin/tenants/attack-target", "a tenant (delete after a final backup)", { confirmSlug: "attack-target" }],
      ["app/admin/api/admin/tenants/[slug]/suspend/route.ts", "POST", "/api/admin/tenants/attack-target/suspend", "a tenant's status", { reason: "planted by the attack suite" }],
      ["app/admin/api/admin/tenants/[slug]/reactivate/route.ts", "POST", "/api/admin/tenants/attack-target/reactivate", "a tenant's status", {}],
      ["app/admin/api/admin/tenants/[slug]/plan/route.ts", "POST", "/api/admin/tenants/attack-target/plan", "a tenant's plan", { plan: "enterprise", force: true }],
      ["app/admin/api/admin/tenants/[slug]/flags/[flag]/route.ts", "PUT", "/api/admin/tenants/attack-target/flags/customJs", "a tenant's feature flags", { enabled: true }],
      ["app/admin/api/admin/tenants/[slug]/flags/[flag]/route.ts", "DELETE", "/api/admin/tenants/attack-target/flags/customJs", "a tenant's feature flags", undefined],
      ["app/admin/api/admin/tenants/[slug]/backups/route.ts", "POST", "/api/admin/tenants/attack-target/backups", "a tenant's backups", {}],
      ["app/admin/api/admin/tenants/[slug]/restore/route.ts", "POST", "/api/admin/tenants/attack-target/restore", "a tenant's data (restore)", { backupId: "bk-attack" }],
      ["app/admin/api/admin/operations/[id]/route.ts", "GET", "/api/admin/operations/00000000-0000-4000-8000-000000000000", "admin operations (results)", undefined],
      ["app/admin/api/admin/tenants/[slug]/optimization/route.ts", "GET", "/api/admin/tenants/attack-target/optimization", "a tenant's database optimisation report", undefined],
      ["app/admin/api/admin/tenants/[slug]/optimization/route.ts", "POST", "/api/admin/tenants/attack-target/optimization", "a tenant's database (vacuum, indexes)", { apply: true }],
      ["app/admin/api/admin/admins/route.ts", "GET", "/api/admin/admins", "platform admins (list)", undefined],
      ["app/admin/api/admin/admins/route.ts", "POST", "/api/admin/admins", "platform admins (invite)", { email: "attacker@attack.test" }],
      ["app/admin/api/admin/admins/[id]/route.ts", "DELETE", "/api/admin/admins/00000000-0000-4000-8000-000000000000", "platform admins (remove)", undefined],
    ] as const
  ).map(([file, name, path, touches, body]): RouteRow => ({
    kind: "route", file, name, surface: "admin", touches, path, ...(body === undefined ? {} : { json: () => body }),
    expect: platformSurface({ unauthenticated: S(401, { code: "unauthorized" }), tenantSession: [S(401), S(403, { code: "forbidden" })], apex: PAGE_404, admin: [S(401), S(403, { code: "forbidden" })], tenantHost: PAGE_404 }),
  })),
  ...[
    ["app/admin/(console)/tenants/[slug]/manage/page.tsx", "/tenants/attack-target/manage"],
    ["app/admin/(console)/tenants/new/page.tsx", "/tenants/new"],
  ].map(([file, path]): RouteRow => ({
    kind: "page", file: file!, name: "default", surface: "admin", touches: file!.includes("manage") ? "a tenant (plan, flags, status, backups)" : "tenants (create)", path: path!,
    expect: platformSurface({ unauthenticated: TO_LOGIN_ADMIN(), tenantSession: PAGE_404, apex: PAGE_404, admin: PAGE_404, tenantHost: PAGE_404 }),
  })),
  ...[["/api/admin/tenants", "/api/admin/tenants"], ["/api/admin/tenants/[slug]", "/api/admin/tenants/some-tenant"], ["/api/admin/audit", "/api/admin/audit?view=security"], ["/api/admin/backups", "/api/admin/backups?status=kept"], ["/api/admin/plans", "/api/admin/plans"]].map(([route, path]): RouteRow => ({
    kind: "route", file: `app/admin${route}/route.ts`, name: "GET", surface: "admin", touches: "all tenants (profile, usage, health; members, audit, backups of one)", path: path!,
    expect: platformSurface({ unauthenticated: S(401, { code: "unauthorized" }), tenantSession: [S(401), S(403, { code: "forbidden" })], apex: PAGE_404, admin: [S(401), S(403, { code: "forbidden" })], tenantHost: PAGE_404 }),
  })),
  ...[["analytics", "/analytics"], ["health", "/health"], ["metrics", "/metrics"], ["audit", "/audit?action=tenant."], ["security", "/security"], ["admins", "/admins"], ["tenants", "/tenants?q=a&sort=-db_size"], ["tenants/[slug]", "/tenants/some-tenant"], ["backups", "/backups?tenant=some-tenant"], ["plans", "/plans"]].map(([page, path]): RouteRow => ({
    kind: "page", file: `app/admin/(console)/${page}/page.tsx`, name: "default", surface: "admin", touches: "all tenants (health, usage, analytics; members, audit, backups of one)", path: path!,
    expect: platformSurface({ unauthenticated: TO_LOGIN_ADMIN(), tenantSession: PAGE_404, apex: PAGE_404, admin: PAGE_404, tenantHost: PAGE_404 }),
  })),
  // Access tab (issue 13): maintenance and impersonation. Identity and the platform-admin check come before the slug is looked up.
  ...([
    ["maintenance/route.ts", "GET", "/maintenance"],
    ["maintenance/route.ts", "PUT", "/maintenance"],
    ["maintenance/route.ts", "DELETE", "/maintenance"],
    ["impersonations/route.ts", "GET", "/impersonations"],
    ["impersonations/route.ts", "POST", "/impersonations"],
    ["impersonations/[id]/route.ts", "DELETE", "/impersonations/{missing}"],
  ] as const).map(([file, name, suffix]): RouteRow => ({
    kind: "route", file: `app/admin/api/admin/tenants/[slug]/${file}`, name, surface: "admin", touches: "a tenant's maintenance mode, impersonation sessions", path: `/api/admin/tenants/attack-probe${suffix}`,
    json: name === "PUT" ? () => ({ message: "attack" }) : name === "POST" ? (ids) => ({ userId: ids.member, reason: "attack suite" }) : undefined,
    expect: platformSurface({
      unauthenticated: S(401, { code: "unauthorized" }),
      tenantSession: [S(401), S(403, { code: "forbidden" })],
      apex: name === "GET" ? PAGE_404 : NO_SUCH_ROUTE,
      admin: [S(401), S(403, { code: "forbidden" })],
      tenantHost: name === "GET" ? PAGE_404 : NO_SUCH_ROUTE,
    }),
  })),
  {
    kind: "page", file: "app/admin/(console)/tenants/[slug]/access/page.tsx", name: "default", surface: "admin", touches: "a tenant's members, maintenance mode, impersonation sessions", path: "/tenants/attack-probe/access",
    expect: platformSurface({ unauthenticated: TO_LOGIN_ADMIN(), tenantSession: PAGE_404, apex: PAGE_404, admin: PAGE_404, tenantHost: PAGE_404 }),
  },
  { kind: "page", file: "app/maintenance/page.tsx", name: "default", surface: "public tenant", touches: "tenant name, branding, maintenance message", path: "/maintenance", expect: { ...publicTenant({ ids: false }), unauthenticated: PAGE_404, customer: PAGE_404, viewer: PAGE_404, "foreign-session": PAGE_404, "foreign-token": PAGE_404, "spoof-tenant": PAGE_404, "custom-domain": PAGE_404 } },
  { kind: "page", file: "app/suspended/page.tsx", name: "default", surface: "public tenant", touches: "tenant name", path: "/suspended", expect: { ...publicTenant({ ids: false }), unauthenticated: PAGE_404, customer: PAGE_404, viewer: PAGE_404, "foreign-session": PAGE_404, "foreign-token": PAGE_404, "spoof-tenant": PAGE_404, "custom-domain": PAGE_404 } },
  // ── portal and public tenant pages ──────────────────────────────────────────────────────────────
  { kind: "page", file: `${T}/(portal)/page.tsx`, name: "default", surface: "portal", touches: "properties (published), branding", path: "/", expect: publicTenant({ ids: false, apex: S(200), admin: PAGE_404 }) },
  { kind: "page", file: `${T}/(portal)/properties/[id]/page.tsx`, name: "default", surface: "portal", touches: "properties (published), photos", path: "/properties/{property}", expect: publicTenant({ ids: true }) },
  {
    kind: "page", file: `${T}/(portal)/my-enquiries/page.tsx`, name: "default", surface: "portal", touches: "leads (a customer's own)", path: "/my-enquiries",
    expect: { ...publicTenant({ ids: false }), unauthenticated: S(307, { location: "/login?next=" }), viewer: S(307, { location: "/login?next=" }), "foreign-session": S(307, { location: "/login?next=" }), "foreign-token": S(307, { location: "/login?next=" }), "spoof-tenant": S(307, { location: "/login?next=" }), "custom-domain": S(307, { location: "/login?next=" }) },
  },
  { kind: "page", file: `${T}/(portal)/sign-up/page.tsx`, name: "default", surface: "portal", touches: "none", path: "/sign-up", expect: publicTenant({ ids: false }) },
  {
    kind: "page", file: `${T}/login/page.tsx`, name: "default", surface: "public tenant", touches: "none", path: "/login",
    expect: { ...publicTenant({ ids: false, admin: S(200) }), customer: S(307), viewer: S(307), "spoof-tenant": S(200), "custom-domain": S(200, { anonymous: true }) }
  },
  { kind: "page", file: `${T}/forgot-password/page.tsx`, name: "default", surface: "public tenant", touches: "none", path: "/forgot-password", expect: publicTenant({ ids: false, admin: S(200) }) },
  { kind: "page", file: `${T}/reset-password/page.tsx`, name: "default", surface: "public tenant", touches: "password tokens", path: "/reset-password?token=attack-forged-token", expect: publicTenant({ ids: false, admin: S(200) }) },
  { kind: "page", file: `${T}/set-password/page.tsx`, name: "default", surface: "public tenant", touches: "password tokens", path: "/set-password?token=attack-forged-token", expect: publicTenant({ ids: false }) },
  { kind: "page", file: `${T}/accept-invite/page.tsx`, name: "default", surface: "public tenant", touches: "invitations", path: "/accept-invite?token=attack-forged-token", expect: publicTenant({ ids: false, customDomain: CUSTOM_DOMAIN_PAGE }) },
  // ── staff pages ─────────────────────────────────────────────────────────────────────────────────
  { kind: "page", file: `${T}/dashboard/(home)/page.tsx`, name: "default", surface: "tenant staff page", touches: "properties, overview counts", path: "/dashboard", expect: staffPage({ viewer: "allowed", ids: false }) },
  { kind: "page", file: `${T}/dashboard/analytics/page.tsx`, name: "default", surface: "tenant staff page", touches: "listing performance (properties, views, leads, transactions)", path: "/dashboard/analytics", expect: staffPage({ viewer: "allowed", ids: false }) },
  { kind: "page", file: `${T}/dashboard/activity/page.tsx`, name: "default", surface: "tenant staff page", touches: "audit log", path: "/dashboard/activity", expect: staffPage({ viewer: "denied", ids: false }) },
  { kind: "page", file: `${T}/dashboard/leads/(list)/page.tsx`, name: "default", surface: "tenant staff page", touches: "leads", path: "/dashboard/leads", expect: staffPage({ viewer: "allowed", ids: false }) },
  { kind: "page", file: `${T}/dashboard/leads/[id]/page.tsx`, name: "default", surface: "tenant staff page", touches: "leads (with notes)", path: "/dashboard/leads/{lead}", expect: staffPage({ viewer: "allowed", ids: true }) },
  { kind: "page", file: `${T}/dashboard/properties/[id]/page.tsx`, name: "default", surface: "tenant staff page", touches: "properties, documents, transactions, leads", path: "/dashboard/properties/{draftProperty}", expect: staffPage({ viewer: "allowed", ids: true }) },
  { kind: "page", file: `${T}/dashboard/properties/[id]/edit/page.tsx`, name: "default", surface: "tenant staff page", touches: "properties", path: "/dashboard/properties/{draftProperty}/edit", expect: staffPage({ viewer: "denied", ids: true }) },
  { kind: "page", file: `${T}/dashboard/settings/branding/page.tsx`, name: "default", surface: "tenant staff page", touches: "branding settings", path: "/dashboard/settings/branding", expect: staffPage({ viewer: "denied", ids: false }) },
  { kind: "page", file: `${T}/dashboard/settings/mail/page.tsx`, name: "default", surface: "tenant staff page", touches: "mail templates in the tenant's brand, owner's address", path: "/dashboard/settings/mail", expect: staffPage({ viewer: "denied", ids: false }) },
  { kind: "page", file: `${T}/dashboard/settings/domain/page.tsx`, name: "default", surface: "tenant staff page", touches: "custom domain", path: "/dashboard/settings/domain", expect: staffPage({ viewer: "denied", ids: false }) },
  { kind: "page", file: `${T}/dashboard/settings/plan/page.tsx`, name: "default", surface: "tenant staff page", touches: "plan limits with usage, usage metering (Redis)", path: "/dashboard/settings/plan", expect: staffPage({ viewer: "denied", ids: false }) },
  { kind: "page", file: `${T}/dashboard/team/page.tsx`, name: "default", surface: "tenant staff page", touches: "members, seats", path: "/dashboard/team", expect: staffPage({ viewer: "allowed", ids: false }) },
  { kind: "page", file: `${T}/dashboard/transactions/page.tsx`, name: "default", surface: "tenant staff page", touches: "transactions", path: "/dashboard/transactions?propertyId={draftProperty}", expect: { ...staffPage({ viewer: "allowed", ids: true }), "foreign-ids": S(200) } },
  // ── staff server actions (tenantAction) ─────────────────────────────────────────────────────────
  {
    kind: "action", file: `${T}/dashboard/(home)/actions.ts`, name: "createPropertyAction", surface: "tenant staff page", touches: "properties", path: "/dashboard",
    args: () => [{ name: "Planted by the attack suite", address: "1 Attack Street", price: 1, type: "house" }], creates: true, expect: staffAction({ ids: false }),
  },
  {
    kind: "action", file: `${T}/dashboard/(home)/actions.ts`, name: "signOutEverywhereAction", surface: "tenant staff page", touches: "users (session version)", path: "/dashboard", args: () => [],
    expect: {
      ...staffAction({ ids: false }),
      unauthenticated: S(200, { header: "x-action-redirect: /login" }),
      customer: skip("signs the caller's own account out: no other account is touched"),
      viewer: skip("signs the caller's own account out"),
      "foreign-session": skip("signs the caller's own (b's) account out"),
      "foreign-token": S(200, { header: "x-action-redirect: /login" }),
      "spoof-tenant": skip("signs the caller's own account out"),
      "custom-domain": skip("signs the caller's own account out; the staff page redirect is covered by the dashboard row"),
    },
  },
  { kind: "action", file: `${T}/dashboard/leads/actions.ts`, name: "markLeadHandledAction", surface: "tenant staff page", touches: "leads", path: "/dashboard/leads", args: (ids) => [{ id: ids.lead }], expect: staffAction({ ids: true }) },
  { kind: "action", file: `${T}/dashboard/leads/actions.ts`, name: "updateLeadAction", surface: "tenant staff page", touches: "leads (status, assignee)", path: "/dashboard/leads/{lead}", args: (ids) => [{ id: ids.lead, changes: { status: "closed" } }], expect: staffAction({ ids: true }) },
  { kind: "action", file: `${T}/dashboard/leads/actions.ts`, name: "addLeadNoteAction", surface: "tenant staff page", touches: "leads (notes)", path: "/dashboard/leads/{lead}", args: (ids) => [{ id: ids.lead, body: "Note by the attack suite" }], expect: staffAction({ ids: true }) },
  {
    kind: "action", file: `${T}/dashboard/properties/[id]/actions.ts`, name: "setPublishedAction", surface: "tenant staff page", touches: "properties", path: "/dashboard/properties/{draftProperty}",
    args: (ids) => [{ id: ids.draftProperty, published: true }], expect: staffAction({ ids: true }),
  },
  {
    kind: "action", file: `${T}/dashboard/properties/[id]/actions.ts`, name: "updatePropertyAction", surface: "tenant staff page", touches: "properties", path: "/dashboard/properties/{draftProperty}/edit",
    args: (ids) => [{ id: ids.draftProperty, name: "Hijacked by the attack suite", address: "1 Attack Street", price: 1, status: "available", type: "house" }], expect: staffAction({ ids: true }),
  },
  { kind: "action", file: `${T}/dashboard/properties/[id]/actions.ts`, name: "setListingPhotosAction", surface: "tenant staff page", touches: "documents (listing photos)", path: "/dashboard/properties/{draftProperty}", args: (ids) => [{ propertyId: ids.draftProperty, documentIds: [] }], expect: staffAction({ ids: true }) },
  { kind: "action", file: `${T}/dashboard/properties/[id]/actions.ts`, name: "deleteDocumentAction", surface: "tenant staff page", touches: "documents", path: "/dashboard/properties/{draftProperty}", args: (ids) => [{ id: ids.document }], expect: staffAction({ ids: true }) },
  {
    kind: "action", file: `${T}/dashboard/properties/[id]/actions.ts`, name: "deletePropertyAction", surface: "tenant staff page", touches: "properties", path: "/dashboard/properties/{draftProperty}", args: (ids) => [{ id: ids.draftProperty }],
    // Answers `{ ok: false, message }` (no code): the messages of the refusing steps.
    expect: {
      ...staffAction({ ids: true }),
      unauthenticated: S(200, { text: "Sign in or send a valid bearer token" }),
      customer: S(200, { text: "Your role (customer) does not allow property:delete" }),
      viewer: S(200, { text: "Your role (viewer) does not allow property:delete" }),
      "foreign-session": S(200, { text: "Your credentials belong to another workspace" }),
      "foreign-token": S(200, { text: "Your credentials belong to another workspace" }),
      "foreign-ids": S(200, { text: "Property not found" }),
      "spoof-tenant": S(200, { text: "Your credentials belong to another workspace" }),
      "custom-domain": [CUSTOM_DOMAIN_PAGE, S(200, { text: "Sign in or send a valid bearer token" })],
    },
    },
  {
    kind: "action", file: `${T}/dashboard/settings/branding/actions.ts`, name: "saveBrandingAction", surface: "tenant staff page", touches: "branding settings", path: "/dashboard/settings/branding",
    args: () => [
      {
        theme: "dark", primaryColor: "#000000", secondaryColor: "#ffffff", logoUrl: null, faviconUrl: null, customCssUrl: null, customJsUrl: null,
        customHeaderHtml: "<b>Planted by the attack suite</b>", customFooterHtml: null, timezone: "UTC", dateFormat: "yyyy-MM-dd", currency: "EUR",
      },
    ],
    creates: true,
    expect: staffAction({ ids: false }),
  },
  { kind: "action", file: `${T}/dashboard/settings/domain/actions.ts`, name: "addDomainAction", surface: "tenant staff page", touches: "custom domain", path: "/dashboard/settings/domain", args: () => [{ domain: "planted-by-attack.attack.test" }], creates: true, expect: staffAction({ ids: false }) },
  { kind: "action", file: `${T}/dashboard/settings/domain/actions.ts`, name: "verifyDomainAction", surface: "tenant staff page", touches: "custom domain", path: "/dashboard/settings/domain", args: () => [{}], customDomainAs: "agent", expect: staffAction({ ids: false }) },
  { kind: "action", file: `${T}/dashboard/settings/domain/actions.ts`, name: "removeDomainAction", surface: "tenant staff page", touches: "custom domain", path: "/dashboard/settings/domain", args: () => [{}], customDomainAs: "agent", expect: staffAction({ ids: false }) },
  { kind: "action", file: `${T}/dashboard/team/actions.ts`, name: "inviteMemberAction", surface: "tenant staff page", touches: "members (invitations)", path: "/dashboard/team", args: () => [{ email: "attack-invite@attack.test", role: "owner" }], creates: true, expect: staffAction({ ids: false }) },
  { kind: "action", file: `${T}/dashboard/team/actions.ts`, name: "changeRoleAction", surface: "tenant staff page", touches: "members (roles)", path: "/dashboard/team", args: (ids) => [{ id: ids.member, role: "owner" }], expect: staffAction({ ids: true }) },
  { kind: "action", file: `${T}/dashboard/team/actions.ts`, name: "deactivateMemberAction", surface: "tenant staff page", touches: "members", path: "/dashboard/team", args: (ids) => [{ id: ids.member }], expect: staffAction({ ids: true }) },
  { kind: "action", file: `${T}/dashboard/team/actions.ts`, name: "reactivateMemberAction", surface: "tenant staff page", touches: "members", path: "/dashboard/team", args: (ids) => [{ id: ids.member }], expect: staffAction({ ids: true }) },
  { kind: "action", file: `${T}/dashboard/team/actions.ts`, name: "resendInvitationAction", surface: "tenant staff page", touches: "members, invitation mail", path: "/dashboard/team", args: (ids) => [{ id: ids.invite }], expect: staffAction({ ids: true }) },
  {
    kind: "action", file: `${T}/dashboard/transactions/actions.ts`, name: "recordTransactionAction", surface: "tenant staff page", touches: "transactions", path: "/dashboard/transactions",
    args: (ids) => [{ propertyId: ids.draftProperty, kind: "fee", amount: 1 }], creates: true, expect: staffAction({ ids: true }),
  },
  {
    kind: "action", file: `${T}/dashboard/transactions/actions.ts`, name: "transitionTransactionAction", surface: "tenant staff page", touches: "transactions", path: "/dashboard/transactions",
    args: (ids) => [{ id: ids.transaction, to: "cancelled" }], expect: staffAction({ ids: true }),
  },
  // ── public server actions ───────────────────────────────────────────────────────────────────────
  {
    kind: "action", file: `${T}/(portal)/properties/[id]/actions.ts`, name: "sendEnquiryAction", surface: "portal", touches: "leads", path: "/properties/{property}",
    args: (ids) => [null, { form: { propertyId: ids.property, name: "Attack", email: "attack@attack.test", message: "Planted by the attack suite", website: "" } }],
    expect: {
      ...publicTenant({ ids: true, foreignIds: S(200, { text: "Property not found" }) }),
      unauthenticated: skip("public: creates a lead; the per-IP limit is kept for foreign-ids"),
      customer: skip("public: creates the customer's own lead"),
      viewer: skip("public: creates a lead"),
      "foreign-session": skip("public: creates a lead, not linked to b's account (checked in the lead rows)"),
      "foreign-token": skip("public: creates a lead"),
      "spoof-tenant": skip("public: would create a lead on b"),
      "cross-origin": CROSS_ORIGIN_ACTION,
      "custom-domain": skip("portal action served on the custom domain"),
    },
  },
  {
    kind: "action", file: `${T}/(portal)/sign-up/actions.ts`, name: "signUpAction", surface: "portal", touches: "users (customers)", path: "/sign-up",
    args: () => [null, { form: { name: "Attack", email: "not-an-email", password: "short" } }],
    expect: { ...publicTenant({ ids: false, write: true }), unauthenticated: S(200, { text: "Cannot create your account" }), "cross-origin": CROSS_ORIGIN_ACTION },
  },
  {
    kind: "action", file: "components/auth/password-actions.ts", name: "setPasswordAction", surface: "public tenant", touches: "users (passwords), password tokens", path: "/reset-password",
    args: () => [null, { form: { token: "attack-forged-token", password: "attack-suite-password-1", confirm: "attack-suite-password-1" } }],
    expect: { ...publicTenant({ ids: false, write: true, admin: S(200) }), unauthenticated: S(200, { text: '"ok":false' }), "cross-origin": CROSS_ORIGIN_ACTION },
  },
  {
    kind: "action", file: "components/auth/password-actions.ts", name: "forgotPasswordAction", surface: "public tenant", touches: "users, password tokens, mail", path: "/forgot-password",
    args: () => [null, { form: { email: "attack-nobody@attack.test" } }],
    expect: {
      ...publicTenant({ ids: false, write: true, admin: S(200) }),
      customer: skip("public: the per-IP reset limit is shared with the auth specs"),
      viewer: skip("public: the per-IP reset limit is shared with the auth specs"),
      "foreign-session": skip("public: the per-IP reset limit is shared with the auth specs"),
      "foreign-token": skip("public: the per-IP reset limit is shared with the auth specs"),
      "spoof-tenant": skip("public: the per-IP reset limit is shared with the auth specs"),
      "admin-host": skip("public: the per-IP reset limit is shared with the auth specs"),
      "custom-domain": skip("public: the per-IP reset limit is shared with the auth specs"),
      "cross-origin": CROSS_ORIGIN_ACTION,
    },
  },
];

function TO_LOGIN_ADMIN(): Outcome {
  return S(307, { location: "/login" });
}


