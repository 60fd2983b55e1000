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

export interface E2eServer {
  port: number;
  tenantIds: { acme: string; globex: string; suspended: string };
}

export const E2E_SERVER_ENV = "ANCHOR_E2E_SERVER";

/** Set by global setup in the runner's environment, which the test workers inherit. */
export function e2eServer(): E2eServer {
  const raw = process.env[E2E_SERVER_ENV];
  if (!raw) throw new Error(`${E2E_SERVER_ENV} is not set: run the specs through playwright.config.ts (global setup)`);
  return JSON.parse(raw) as E2eServer;
}
