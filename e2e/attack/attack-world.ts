import { createHash, randomBytes, randomUUID } from "node:crypto";
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { E2E_SERVER_ENV, e2eServer } from "../fixture";
import { tinyPng } from "../support/tiny-png";
import { actionProbe, type AttackClient } from "./attack-client";

/** What the attack suite knows about one of its two tenants: every kind of object, each with a marker. */
export interface AttackTenant {
  label: "a" | "b";
  id: string;
  slug: string;
  name: string;
  host: string;
  /** Tenant a's is verified (it routes); tenant b's is claimed but unverified. */
  customDomain: string;
  ids: TenantObjectIds;
  /** Cookie headers of signed-in sessions and bearer tokens, by role. */
  sessions: { owner: string; viewer: string; agent: string; customer: string };
  tokens: { owner: string; viewer: string };
  users: { owner: Account; admin: Account; manager: Account; agent: Account; viewer: Account; customer: Account };
  /** Strings anyone may see on this tenant's own hosts (portal, branding). */
  publicStrings: string[];
  /** Strings only this tenant's staff may see: unpublished listings, documents, leads, members, customers, secrets. */
  privateStrings: string[];
  /** Private strings the customer may see: their own enquiry. */
  customerOwnStrings: string[];
}

export interface Account {
  id: string;
  email: string;
  password: string;
}

/** The ids the route table fills into paths and bodies (`{property}` …). */
export interface TenantObjectIds {
  tenant: string;
  property: string;
  draftProperty: string;
  photo: string;
  document: string;
  lead: string;
  transaction: string;
  member: string;
  invite: string;
  customer: string;
  assetKey: string;
  cssAssetKey: string;
  /** An id of the right shape that names nothing. */
  missing: string;
}

export interface AttackWorld {
  root: string;
  apex: string;
  admin: string;
  a: AttackTenant;
  b: AttackTenant;
}

function expectStatus(what: string, status: number, expected: number, body: string): void {
  if (status !== expected) throw new Error(`attack setup: ${what} answered ${status} (wanted ${expected}): ${body.slice(0, 400)}`);
}

interface Provisioned {
  id: string;
  slug: string;
  name: string;
  owner: Account;
  admin: Account;
  manager: Account;
  agent: Account;
  viewer: Account;
  customer: Account;
}

/**
 * Two fresh tenants, made the way global-setup seeds (lib/tenants, lib/testing) and then filled through
 * the real HTTP API: fresh ones, so no other spec's counts or seats change, and rate limits are their own.
 */
async function provision(label: "a" | "b", tag: string): Promise<Provisioned> {
  const { provisionTenant } = await import("../../lib/tenants/provision-tenant");
  const { seedUser } = await import("../../lib/testing/seed-user");
  const slug = `atk${label}${tag}`;
  const name = `Attack ${label.toUpperCase()} ${tag} Realty`;
  const ownerPassword = `owner-${tag}-${label}-password`;
  const tenant = await provisionTenant({ name, slug, adminEmail: `owner-${slug}@attack.test`, adminPassword: ownerPassword }, { sendWelcome: false });
  // The suite sends several hundred API calls per tenant within a minute: an enterprise contract with a
  // budget the suite cannot spend, so every probe meets the check it is aimed at, not the rate limit.
  const { setTenantPlan } = await import("../../lib/tenant-profile/set-tenant-plan");
  const { setLimitOverride } = await import("../../lib/tenant-profile/set-limit-override");
  await setTenantPlan(slug, "enterprise");
  await setLimitOverride(slug, "apiRequestsPerMinute", 1_000_000);
  const account = async (role: "admin" | "manager" | "agent" | "viewer" | "customer"): Promise<Account> => {
    const user = await seedUser(tenant.id, role, { email: `${role}-${slug}@attack.test`, password: `${role}-${tag}-${label}-password` });
    return { id: user.id, email: user.email, password: user.password };
  };
  return {
    id: tenant.id,
    slug,
    name,
    owner: { id: tenant.adminUserId, email: tenant.adminEmail, password: ownerPassword },
    admin: await account("admin"),
    manager: await account("manager"),
    agent: await account("agent"),
    viewer: await account("viewer"),
    customer: await account("customer"),
  };
}

/** Closes what seeding from the test process opened (pools, clients, the cache listener). */
export async function closeSeedConnections(): Promise<void> {
  const { stopTenantCacheListener } = await import("../../lib/tenancy/tenant-cache");
  const { disconnectTenantClients } = await import("../../lib/db/tenant-client");
  const { disconnectSharedDb } = await import("../../lib/db/shared-client");
  const { closePools } = await import("../../lib/db/pools");
  await stopTenantCacheListener();
  await disconnectTenantClients();
  await disconnectSharedDb();
  await closePools();
}

async function fill(client: AttackClient, p: Provisioned, label: "a" | "b", host: string, customDomain: string): Promise<AttackTenant> {
  const marker = (what: string) => `${p.slug}-${what}-marker`;
  const owner = await client.signIn(host, p.owner.email, p.owner.password);
  const ownerToken = await client.token(host, p.owner.email, p.owner.password);
  const asOwner = { host, bearer: ownerToken };

  const createProperty = async (what: string, published: boolean) => {
    const response = await client.send({
      ...asOwner,
      method: "POST",
      path: "/api/v1/properties",
      json: { name: `${marker(what)} House`, address: `1 ${marker(`${what}-address`)} Street`, price: 250000, type: "house", description: marker(`${what}-description`), published },
    });
    expectStatus(`create ${what} property`, response.status, 201, response.body);
    return (JSON.parse(response.body) as { id: string }).id;
  };
  const property = await createProperty("published", true);
  const draftProperty = await createProperty("draft", false);

  const upload = async (propertyId: string, file: { name: string; mimeType: string; buffer: Buffer }) => {
    const response = await client.send({ ...asOwner, method: "POST", path: "/api/v1/documents", multipart: { file, propertyId } });
    expectStatus(`upload ${file.name}`, response.status, 201, response.body);
    return (JSON.parse(response.body) as { id: string }).id;
  };
  const photo = await upload(property, { name: `${marker("photo")}.png`, mimeType: "image/png", buffer: Buffer.from(tinyPng(8, 6, label === "a" ? [200, 30, 30] : [30, 30, 200])) });
  // A photo is public only once staff put it on the listing (issue 15): this one is the listing's cover.
  const { runAsTenant } = await import("../../lib/tenancy/context");
  const { setListingPhotos } = await import("../../lib/properties/set-listing-photos");
  const tenantRef = { id: p.id, slug: p.slug, name: p.name, status: "active" as const, planId: "enterprise", customDomain: null, customDomainVerified: false, maintenance: null };
  await runAsTenant(tenantRef, "attack-seed", () => setListingPhotos({ tenant: tenantRef }, { userId: p.owner.id }, property, [photo]));
  const document = await upload(draftProperty, { name: `${marker("document")}.pdf`, mimeType: "application/pdf", buffer: Buffer.from(`%PDF-1.4\n% ${marker("document-bytes")}\n%%EOF\n`) });

  const transactionResponse = await client.send({ ...asOwner, method: "POST", path: "/api/v1/transactions", json: { propertyId: draftProperty, kind: "deposit", amount: 1234.5, note: marker("transaction-note") } });
  expectStatus("record transaction", transactionResponse.status, 201, transactionResponse.body);
  const transaction = (JSON.parse(transactionResponse.body) as { id: string }).id;

  const inviteEmail = `${marker("invitee")}@attack.test`;
  const invited = await client.send({ ...asOwner, method: "POST", path: "/api/v1/members", json: { email: inviteEmail, role: "agent" } });
  expectStatus("invite member", invited.status, 201, invited.body);
  const invite = (JSON.parse(invited.body) as { userId: string }).userId;

  const customer = await client.signIn(host, p.customer.email, p.customer.password);
  const signUpEmail = `${marker("signup")}@attack.test`;
  const signedUp = await client.send({ host, method: "POST", path: "/api/portal/customers", json: { name: marker("signup-name"), email: signUpEmail, password: `signup-${p.slug}-password` } });
  if (signedUp.status >= 300) throw new Error(`attack setup: portal sign-up answered ${signedUp.status}: ${signedUp.body}`);

  const enquiry = async (cookie: string | undefined, what: string) => {
    const response = await client.send({
      host,
      cookie,
      headers: { origin: `http://${host}` },
      method: "POST",
      path: "/api/portal/enquiries",
      json: { propertyId: property, name: marker(`${what}-name`), email: `${marker(what)}@attack.test`, message: marker(`${what}-message`), website: "" },
    });
    expectStatus(`enquiry (${what})`, response.status, 202, response.body);
  };
  await enquiry(undefined, "lead");
  await enquiry(customer, "customer-lead");
  const leads = await client.send({ ...asOwner, method: "GET", path: "/api/v1/leads" });
  expectStatus("list leads", leads.status, 200, leads.body);
  const leadRows = (JSON.parse(leads.body) as { data: { id: string; email: string }[] }).data;
  const lead = leadRows.find((row) => row.email === `${marker("lead")}@attack.test`)?.id;
  if (!lead || leadRows.length !== 2) throw new Error(`attack setup: expected the two enquiries as leads, got ${leads.body}`);

  const uploadAsset = async (kind: "logo" | "css", file: { name: string; mimeType: string; buffer: Buffer }) => {
    const response = await client.send({ ...asOwner, method: "POST", path: "/api/v1/branding/assets", multipart: { kind, file } });
    expectStatus(`upload ${kind}`, response.status, 201, response.body);
    return (JSON.parse(response.body) as { key: string }).key;
  };
  const assetKey = await uploadAsset("logo", { name: "logo.png", mimeType: "image/png", buffer: Buffer.from(tinyPng(4, 4, [10, 200, 10])) });
  const cssAssetKey = await uploadAsset("css", { name: "brand.css", mimeType: "text/css", buffer: Buffer.from(`.brand::after { content: "${marker("css")}"; }\n`) });

  if (label === "b") {
    // Tenant b claims its domain through the real server action (tenant a's is vouched for by the operator, below).
    const call = await actionProbe("app/t/[tenantId]/dashboard/settings/domain/actions.ts", "addDomainAction", [{ domain: customDomain }]);
    const added = await client.send({ host, cookie: owner, path: "/dashboard/settings/domain", ...call, headers: { ...call.headers, origin: `http://${host}` } });
    if (added.status !== 200 || !added.body.includes('"ok":true')) throw new Error(`attack setup: addDomainAction answered ${added.status}: ${added.body.slice(0, 400)}`);
  }

  const viewer = await client.signIn(host, p.viewer.email, p.viewer.password);
  const viewerToken = await client.token(host, p.viewer.email, p.viewer.password);
  const agent = await client.signIn(host, p.agent.email, p.agent.password);
  const ids: TenantObjectIds = { tenant: p.id, property, draftProperty, photo, document, lead, transaction, member: p.agent.id, invite, customer: p.customer.id, assetKey, cssAssetKey, missing: randomUUID() };
  const sessions = { owner, viewer, agent, customer };
  const tokens = { owner: ownerToken, viewer: viewerToken };
  const cookieValue = (cookie: string) => cookie.slice(cookie.indexOf("=") + 1);
  const tenant: AttackTenant = {
    label,
    id: p.id,
    slug: p.slug,
    name: p.name,
    host,
    customDomain,
    ids,
    sessions,
    tokens,
    users: { owner: p.owner, admin: p.admin, manager: p.manager, agent: p.agent, viewer: p.viewer, customer: p.customer },
    publicStrings: [p.id, p.slug, p.name, host, property, photo, marker("published"), marker("published-address"), marker("published-description"), marker("css"), assetKey, cssAssetKey, ...(label === "a" ? [customDomain] : [])],
    privateStrings: [
      draftProperty,
      marker("draft"),
      marker("draft-address"),
      marker("draft-description"),
      document,
      marker("document"),
      marker("document-bytes"),
      transaction,
      marker("transaction-note"),
      lead,
      marker("lead"),
      marker("lead-name"),
      marker("lead-message"),
      marker("customer-lead"),
      marker("customer-lead-name"),
      marker("customer-lead-message"),
      invite,
      inviteEmail,
      marker("signup"),
      signUpEmail,
      ...Object.values({ owner: p.owner, admin: p.admin, manager: p.manager, agent: p.agent, viewer: p.viewer, customer: p.customer }).flatMap((user) => [user.id, user.email, user.password]),
      ...Object.values(sessions).map(cookieValue),
      ...Object.values(tokens),
      ...(label === "b" ? [customDomain] : []),
    ],
    customerOwnStrings: [marker("customer-lead"), marker("customer-lead-name"), marker("customer-lead-message")],
  };
  const blank = Object.entries({ ...ids, ...sessions, ...tokens }).filter(([, value]) => typeof value !== "string" || value.length < 8);
  const blankStrings = [...tenant.publicStrings, ...tenant.privateStrings].filter((value) => typeof value !== "string" || value.length < 8);
  if (blank.length > 0 || blankStrings.length > 0) throw new Error(`attack setup: empty ids or markers for ${label}: ${JSON.stringify(blank)} ${JSON.stringify(blankStrings)}`);
  return tenant;
}

/**
 * The world of this e2e server, built once per run: Playwright starts a fresh worker after every failing
 * test, and each would otherwise provision two more tenants (and the server a pool for each). Keyed by the
 * server's description, which is new for every run. The spec runs its rows in one worker at a time, so no
 * two workers build it at once; the file is written whole (rename) so a reader never sees half of it.
 */
export async function attackWorld(client: AttackClient): Promise<AttackWorld> {
  const key = createHash("sha256").update(process.env[E2E_SERVER_ENV] ?? "").digest("hex").slice(0, 16);
  const file = path.join(path.dirname(e2eServer().mailOutboxDir), `attack-world-${key}.json`);
  if (existsSync(file)) return JSON.parse(readFileSync(file, "utf8")) as AttackWorld;
  const world = await buildAttackWorld(client);
  writeFileSync(`${file}.${process.pid}`, JSON.stringify(world));
  renameSync(`${file}.${process.pid}`, file);
  return world;
}

/** Builds the two tenants. Tenant a gets a verified custom domain, so the custom-domain rows have a host to try. */
async function buildAttackWorld(client: AttackClient): Promise<AttackWorld> {
  const { port } = e2eServer();
  const root = `localhost:${port}`;
  const tag = randomBytes(3).toString("hex");
  let a: Provisioned;
  let b: Provisioned;
  const aDomain = `atka${tag}.attack.test`;
  try {
    a = await provision("a", tag);
    b = await provision("b", tag);
    const { setTenantDomain } = await import("../../lib/tenants/set-tenant-domain");
    await setTenantDomain(a.slug, aDomain, { verified: true });
  } finally {
    await closeSeedConnections();
  }
  const [tenantA, tenantB] = await Promise.all([fill(client, a, "a", `${a.slug}.${root}`, aDomain), fill(client, b, "b", `${b.slug}.${root}`, `atkb${tag}.attack.test`)]);
  return { root, apex: root, admin: `admin.${root}`, a: tenantA, b: tenantB };
}
