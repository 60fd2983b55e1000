/** What global-setup.ts seeds and starts, as the specs expect to find it. */

export const ACME = {
  slug: "acme",
  name: "Acme Realty",
  customDomain: "homes.acme.test",
  properties: ["Acme Harbour Loft", "Acme Meadow Cottage", "Acme Riverside Office"],
} as const;

export const GLOBEX = {
  slug: "globex",
  name: "Globex Properties",
  /** Stored for Globex but not verified, so it must not route. */
  unverifiedDomain: "homes.globex.test",
  properties: ["Globex Skyline Condo", "Globex Lakeside Villa"],
} as const;

export const SUSPENDED = {
  slug: "initech",
  name: "Initech Homes",
  property: "Initech Penthouse Suite",
} as const;

/** Active, with no properties. */
export const EMPTY = {
  slug: "hooli",
  name: "Hooli Lettings",
} as const;

/** Demo owners (lib/demo/seed-demo.ts) and the users global setup adds. */
export const ACME_OWNER = { email: "admin@acme.test", password: "acme-demo-password" } as const;
export const GLOBEX_OWNER = { email: "admin@globex.test", password: "globex-demo-password" } as const;
export const ACME_VIEWER = { email: "viewer@acme.test", password: "viewer-demo-password" } as const;
export const PLATFORM_ADMIN = { email: "ops@assetanchor.test", password: "platform-admin-password" } as const;
/** Only the auth specs sign in as these, each in one test, so locking or resetting them disturbs no other test. */
export const ACME_CUSTOMER = { email: "customer@acme.test", password: "customer-demo-password" } as const;
export const ACME_LOCKOUT_TARGET = { email: "lockout@acme.test", password: "lockout-demo-password" } as const;
export const ACME_FORGETFUL = { email: "forgetful@acme.test", password: "forgetful-old-password" } as const;
export const PLATFORM_ADMIN_FORGETFUL = { email: "forgetful-ops@assetanchor.test", password: "forgetful-ops-old-password" } as const;

/** Provisioned without a password: its owner arrives through the welcome mail's set-password link. */
export const WELCOME = { slug: "wayne", name: "Wayne Estates", adminEmail: "bruce@wayne.test" } as const;

/** Standard plan; its owner manages a custom domain in the domain specs. */
export const STARK = { slug: "stark", name: "Stark Homes", owner: { email: "tony@stark.test", password: "stark-demo-password" }, domain: "portal.stark.test" } as const;

/** Enterprise plan (custom JS allowed); its owner edits branding in the branding specs. */
export const UMBRELLA = {
  slug: "umbrella",
  name: "Umbrella Lettings",
  owner: { email: "alice@umbrella.test", password: "umbrella-demo-password" },
  property: "Umbrella Hive Apartment",
} as const;

/** Portal browsing (portal-browse.spec.ts): three published listings at spread prices; only the canal house has a photo. */
export const SOYLENT = {
  slug: "soylent",
  name: "Soylent Homes",
  listings: [
    { name: "Soylent Garden Flat", price: 180000, photo: false },
    { name: "Soylent Canal House", price: 420000, photo: true },
    { name: "Soylent Hilltop Estate", price: 1500000, photo: false },
  ],
} as const;

/** A tenant whose very name is an XSS payload: it must render as text everywhere. */
export const HOSTILE_NAME = { slug: "hostile", name: `<img src=x onerror=alert('tenant-name')>` } as const;

export interface E2eServer {
  port: number;
  tenantIds: { acme: string; globex: string; suspended: string };
  /** Path and query of WELCOME's set-password link. */
  welcomeSetPasswordPath: string;
  /** Where the server writes its mail as .eml files (no SMTP in e2e). */
  mailOutboxDir: string;
  /** The JSON zone file the app's DNS server answers from (see support/file-zone-dns.ts). */
  dnsZoneFile: string;
  /** An https script URL (custom JS) the test browser can load. */
  widgetScriptUrl: string;
}

export const E2E_SERVER_ENV = "ANCHOR_E2E_SERVER";

/** Set by global setup in the runner's environment, which the test workers inherit. */
export function e2eServer(): E2eServer {
  const raw = process.env[E2E_SERVER_ENV];
  if (!raw) throw new Error(`${E2E_SERVER_ENV} is not set: run the specs through playwright.config.ts (global setup)`);
  return JSON.parse(raw) as E2eServer;
}
