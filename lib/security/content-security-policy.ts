export const NONCE_HEADER = "x-anchor-nonce";

/** Tenant pages their staff use: tenant custom JS never runs here. */
const STAFF_PATH_PREFIXES = ["/dashboard", "/login", "/set-password", "/reset-password", "/forgot-password", "/auth", "/api"];

export function isStaffPath(pathname: string): boolean {
  return STAFF_PATH_PREFIXES.some((prefix) => pathname === prefix || pathname.startsWith(`${prefix}/`));
}

/** Responses that set their own, stricter policy (tenant files and photos, mail previews); the proxy leaves it alone. */
const OWN_POLICY_PREFIXES = ["/assets/", "/api/portal/photos/", "/api/v1/mail-previews/"];

export function servesOwnPolicy(pathname: string): boolean {
  return OWN_POLICY_PREFIXES.some((prefix) => pathname.startsWith(prefix));
}

/**
 * Tenant custom code (script, and the stylesheet's origin) is admitted only on the tenant's verified
 * custom domain, on portal pages: never on {slug}.<root>, which shares its origin with the dashboard and
 * /api/v1 and its cookie parent with every other tenant.
 */
export function tenantCodeAllowed(origin: "workspace" | "custom-domain", pathname: string): boolean {
  return origin === "custom-domain" && !isStaffPath(pathname);
}

export interface PolicyInput {
  nonce: string;
  /** The tenant's custom script, only for portal pages of a tenant whose plan allows it. */
  portalScript?: string | null;
  /** The tenant's custom stylesheet (https URL); uploaded ones are same-origin. */
  customStylesheet?: string | null;
  development?: boolean;
}

function sourceOf(url: string | null | undefined): string | null {
  if (!url?.startsWith("https://")) return null;
  // A CSP source with a path matches that exact file; quotes, semicolons and spaces cannot appear in a valid URL.
  return /^[^\s;,']+$/.test(url) ? url : null;
}

/**
 * Every page gets a policy with a fresh nonce: Next's own scripts carry it, inline scripts without it and
 * any other script source are refused. On portal pages the tenant's one custom script URL is added.
 */
export function contentSecurityPolicy(input: PolicyInput): string {
  const script = ["'self'", `'nonce-${input.nonce}'`];
  const portalScript = sourceOf(input.portalScript);
  if (portalScript) script.push(portalScript);
  if (input.development) script.push("'unsafe-eval'");
  const style = ["'self'", "'unsafe-inline'"];
  const stylesheet = sourceOf(input.customStylesheet);
  if (stylesheet) style.push(stylesheet);
  return [
    "default-src 'self'",
    `script-src ${script.join(" ")}`,
    `style-src ${style.join(" ")}`,
    "img-src 'self' https: data: blob:",
    "font-src 'self' https: data:",
    `connect-src 'self'${input.development ? " ws: wss:" : ""}`,
    // Same-origin frames only: Settings → Mail preview frames the preview route, which answers with its own sandboxing policy.
    "frame-src 'self'",
    "frame-ancestors 'none'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join("; ");
}
