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

/** Standard plan; its owner manages a custom domain in the domain specs; its customer uses the hand-off. */
export const STARK = {
  slug: "stark",
  name: "Stark Homes",
  owner: { email: "tony@stark.test", password: "stark-demo-password" },
  customer: { email: "rhodey.customer@stark.test", password: "stark-customer-password" },
  domain: "portal.stark.test",
} as const;

/** Enterprise plan (custom JS allowed); its owner edits branding in the branding specs. */
export const UMBRELLA = {
  slug: "umbrella",
  name: "Umbrella Lettings",
  owner: { email: "alice@umbrella.test", password: "umbrella-demo-password" },
  property: "Umbrella Hive Apartment",
  /** Verified: the only origin where Umbrella's custom JS runs. */
  customDomain: "homes.umbrella.test",
} as const;

/**
 * The origin attack specs (origin-attacks.spec.ts), served over https through the TLS proxy. Vandelay is
 * the hostile tenant: enterprise plan, its custom JS a script the spec stores at run time; its admin wants
 * to become owner. Kramerica is its victim, a sibling custom domain under the same parent (sites.test).
 */
export const VANDELAY = {
  slug: "vandelay",
  name: "Vandelay Industries",
  owner: { email: "art@vandelay.test", password: "vandelay-owner-password" },
  admin: { email: "george@vandelay.test", password: "vandelay-admin-password" },
  customDomain: "vandelay.sites.test",
  /** The name of its script on the widget server (scripts/<name>.js). */
  script: "vandelay",
} as const;

export const KRAMERICA = {
  slug: "kramerica",
  name: "Kramerica Lettings",
  customDomain: "kramerica.sites.test",
  /** A customer account of Kramerica's that the attacker controls. */
  attackersCustomer: { email: "mole@vandelay.test", password: "mole-customer-password" },
  property: "Kramerica Oil Tanker Loft",
} as const;

/** The parent domain the two sibling custom domains share. */
export const SHARED_PARENT = "sites.test";

/** Portal details: a listing with beds, baths, area, description and three photos; a customer of its own. */
export const PEMBERTON = {
  slug: "pemberton",
  name: "Pemberton Lettings",
  customer: { email: "lizzy.customer@pemberton.test", password: "pemberton-customer-password" },
  listing: { name: "Pemberton Park Lodge", bedrooms: 3, bathrooms: 2.5, area: 120.5, description: "A stone lodge at the edge of the park, with a walled garden." },
  photoColours: [
    [180, 60, 40],
    [40, 140, 80],
    [50, 80, 190],
  ],
} as const;

/** Its owner tries themes, colours and header HTML in the theme spec (nobody else reads its branding). */
export const WONKA = {
  slug: "wonka",
  name: "Wonka Estates",
  owner: { email: "willy@wonka.test", password: "wonka-demo-password" },
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
  /** The widget server's port, for setWidgetScript. */
  widgetPort: number;
  /**
   * The same build served over https: a TLS proxy on this port in front of a second `next start` with
   * APP_PROTOCOL=https and APP_ROOT_DOMAIN=localhost:<httpsPort> (same database and S3).
   */
  httpsPort: number;
}

export const E2E_SERVER_ENV = "ANCHOR_E2E_SERVER";

/** Set by global setup in the runner's environment, which the test workers inherit. */
export function e2eServer(): E2eServer {
  const raw = process.env[E2E_SERVER_ENV];
  if (!raw) throw new Error(`${E2E_SERVER_ENV} is not set: run the specs through playwright.config.ts (global setup)`);
  return JSON.parse(raw) as E2eServer;
}
