import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, rmSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import getPort from "get-port";
import { startEmbeddedPostgres } from "../lib/dev/embedded-postgres";
import { startEmbeddedS3 } from "../lib/dev/embedded-s3";
import { startNext, stopProcessGroup, waitUntilAnswering } from "../lib/dev/next-server";
import {
  ACME,
  ACME_CUSTOMER,
  ACME_FORGETFUL,
  ACME_LOCKOUT_TARGET,
  ACME_VIEWER,
  DUNDER,
  E2E_SERVER_ENV,
  EMPTY,
  GLOBEX,
  HOSTILE_NAME,
  KRAMERICA,
  PLATFORM_ADMIN,
  PLATFORM_ADMIN_FORGETFUL,
  PEMBERTON,
  SOYLENT,
  WONKA,
  STARK,
  SUSPENDED,
  UMBRELLA,
  VANDELAY,
  WELCOME,
  type E2eServer,
} from "./fixture";
import { startFileZoneDns } from "./support/file-zone-dns";
import { tinyPng } from "./support/tiny-png";
import { startTlsProxy } from "./support/tls-proxy";
import { startWidgetServer } from "./support/widget-server";

// Both overridable so two checkouts' e2e runs on one machine never share a build or a data dir.
const DATA_DIR = path.resolve(process.env.E2E_DATA_DIR ?? ".data/e2e");
const DIST_DIR = process.env.NEXT_DIST_DIR ?? ".next";

type Stop = () => Promise<void>;

/**
 * Its own PostgreSQL and S3, migrated and seeded (acme and globex demo tenants, a suspended tenant, one
 * without properties, a verified custom domain for acme, an unverified one for globex), then
 * `next start` on a free port serving the build made by `next build` over http, and a second `next start`
 * of the same build with APP_PROTOCOL=https behind a TLS proxy (support/tls-proxy.ts) on `httpsPort`, so
 * specs can see what browsers do with `__Host-` and Secure cookies. Returns the teardown.
 */
export default async function globalSetup(): Promise<Stop> {
  if (!existsSync(path.join(DIST_DIR, "BUILD_ID"))) throw new Error(`No production build in ${DIST_DIR}: run \`npm run test:e2e\` (next build && playwright test)`);
  const stops: Stop[] = [];
  const teardown = async () => {
    for (const stop of stops.splice(0).reverse()) await stop().catch((error: unknown) => console.error("e2e teardown:", error));
  };
  try {
    const postgres = await startEmbeddedPostgres({
      dataDir: path.join(DATA_DIR, "postgres"),
      password: randomBytes(18).toString("base64url"),
      database: "asset_anchor_e2e",
      persistent: false,
    });
    stops.push(postgres.stop);
    rmSync(path.join(DATA_DIR, "s3"), { recursive: true, force: true });
    const mailOutboxDir = path.join(DATA_DIR, "outbox");
    rmSync(mailOutboxDir, { recursive: true, force: true });
    const s3 = await startEmbeddedS3({ dir: path.join(DATA_DIR, "s3"), bucket: "asset-anchor-e2e" });
    stops.push(s3.stop);

    const dnsZoneFile = path.join(DATA_DIR, "dns-zone.json");
    mkdirSync(DATA_DIR, { recursive: true });
    const dns = await startFileZoneDns(dnsZoneFile);
    stops.push(dns.close);
    const widget = await startWidgetServer(path.join(DATA_DIR, "widget"));
    stops.push(widget.close);

    const port = await getPort();
    const appDbPassword = randomBytes(18).toString("base64url");
    const platformDbPassword = randomBytes(18).toString("base64url");
    const serverEnv = {
      S3_ENDPOINT: s3.endpoint,
      S3_BUCKET: "asset-anchor-e2e",
      APP_ROOT_DOMAIN: `localhost:${port}`,
      MAIL_OUTBOX_DIR: mailOutboxDir,
      AUTH_SECRET: randomBytes(32).toString("base64url"),
      DNS_SERVERS: dns.server,
      DNS_TIMEOUT_MS: "1000",
      CUSTOM_DOMAIN_TARGET: "cname.platform.test",
      LOG_LEVEL: "info",
    };
    // This process only migrates and seeds, as the owner: its own log lines would only clutter the test report.
    Object.assign(process.env, serverEnv, { LOG_LEVEL: "warn", DATABASE_URL: postgres.url, APP_DB_PASSWORD: appDbPassword, PLATFORM_DB_PASSWORD: platformDbPassword });
    delete process.env.APP_DATABASE_URL;
    delete process.env.PLATFORM_DATABASE_URL;
    delete process.env.SMTP_URL;

    const { tenantIds, welcomeSetPasswordPath } = await seed(`${widget.scriptsBaseUrl}${VANDELAY.script}.js`);
    const httpsUpstreamPort = await getPort();
    const tls = await startTlsProxy(path.join(DATA_DIR, "tls"), httpsUpstreamPort);
    stops.push(tls.close);
    const server: E2eServer = { port, tenantIds, welcomeSetPasswordPath, mailOutboxDir, dnsZoneFile, widgetScriptUrl: widget.scriptUrl, widgetPort: widget.port, httpsPort: tls.port };
    process.env[E2E_SERVER_ENV] = JSON.stringify(server);

    // The web process gets least-privilege URLs only, never the owner's (docs/security.md, section 3).
    const { DATABASE_URL: _owner, APP_DB_PASSWORD: _app, PLATFORM_DB_PASSWORD: _platform, ...withoutOwner } = process.env;
    const webEnv = { APP_DATABASE_URL: roleUrl(postgres.url, "app_user", appDbPassword), PLATFORM_DATABASE_URL: roleUrl(postgres.url, "platform_user", platformDbPassword) };
    const next = startNext(port, { ...withoutOwner, ...serverEnv, ...webEnv, NODE_ENV: "production" }, path.join(DATA_DIR, "next.log"));
    stops.push(() => stopProcessGroup(next));
    const httpsEnv = { ...serverEnv, APP_PROTOCOL: "https", APP_ROOT_DOMAIN: `localhost:${tls.port}` };
    const nextHttps = startNext(httpsUpstreamPort, { ...withoutOwner, ...httpsEnv, ...webEnv, NODE_ENV: "production" }, path.join(DATA_DIR, "next-https.log"));
    stops.push(() => stopProcessGroup(nextHttps));
    await waitUntilAnswering(next, port, path.join(DATA_DIR, "next.log"));
    await waitUntilAnswering(nextHttps, httpsUpstreamPort, path.join(DATA_DIR, "next-https.log"));
    // Load the sign-in and dashboard code once on each server, so no spec's first sign-in pays for it.
    await warmUp(port, `${ACME.slug}.localhost:${port}`);
    await warmUp(httpsUpstreamPort, `${ACME.slug}.localhost:${tls.port}`);
  } catch (error) {
    await teardown();
    throw error;
  }
  return teardown;
}

function roleUrl(ownerUrl: string, role: string, password: string): string {
  const url = new URL(ownerUrl);
  url.username = role;
  url.password = password;
  return url.toString();
}

/** Imported only now: env() reads process.env once, and it has just been set. */
async function seed(vandelayScriptUrl: string): Promise<Pick<E2eServer, "tenantIds" | "welcomeSetPasswordPath">> {
  const { migrateAll } = await import("../lib/db/migrator");
  const { seedDemoTenants } = await import("../lib/demo/seed-demo");
  const { seedTenant, seedProperty } = await import("../lib/testing/seed-tenant");
  const { setTenantStatus } = await import("../lib/tenants/set-tenant-status");
  const { setTenantDomain } = await import("../lib/tenants/set-tenant-domain");
  const { findTenantBySlug } = await import("../lib/tenants/find-tenant");
  const { stopTenantCacheListener } = await import("../lib/tenancy/tenant-cache");
  const { disconnectTenantClients } = await import("../lib/db/tenant-client");
  const { disconnectSharedDb, sharedDb } = await import("../lib/db/shared-client");
  const { closePools } = await import("../lib/db/pools");
  const { seedUser } = await import("../lib/testing/seed-user");
  const { createPlatformAdmin } = await import("../lib/admins/create-platform-admin");
  const { provisionTenant } = await import("../lib/tenants/provision-tenant");
  const { uploadDocument } = await import("../lib/documents/upload-document");
  const { runAsTenant } = await import("../lib/tenancy/context");
  const { setListingPhotos } = await import("../lib/properties/set-listing-photos");
  const { enableOwnerOutsideTenantScope } = await import("../lib/db/shared-client");
  const { setLimitOverride } = await import("../lib/tenant-profile/set-limit-override");
  const { stopTenantProfileListener } = await import("../lib/tenant-profile/tenant-profile");
  const { closeKv } = await import("../lib/kv/kv");
  enableOwnerOutsideTenantScope();
  try {
    const summary = await migrateAll();
    if (summary.tenants.failed.length > 0) throw new Error(`e2e migrations failed: ${JSON.stringify(summary.tenants.failed)}`);
    await seedDemoTenants();
    const suspended = await seedTenant({ slug: SUSPENDED.slug, name: SUSPENDED.name });
    await seedProperty(suspended.ref, { name: SUSPENDED.property });
    await setTenantStatus(SUSPENDED.slug, "suspended");
    await seedTenant({ slug: EMPTY.slug, name: EMPTY.name });
    await setTenantDomain(ACME.slug, ACME.customDomain, { verified: true });
    await setTenantDomain(GLOBEX.slug, GLOBEX.unverifiedDomain, { verified: false });
    const acmeId = (await findTenantBySlug(ACME.slug)).id;
    await seedUser(acmeId, "viewer", ACME_VIEWER);
    await seedUser(acmeId, "customer", ACME_CUSTOMER);
    await seedUser(acmeId, "agent", ACME_LOCKOUT_TARGET);
    await seedUser(acmeId, "agent", ACME_FORGETFUL);
    await createPlatformAdmin(PLATFORM_ADMIN);
    await createPlatformAdmin(PLATFORM_ADMIN_FORGETFUL);
    const welcome = await provisionTenant({ name: WELCOME.name, slug: WELCOME.slug, adminEmail: WELCOME.adminEmail }, { sendWelcome: false });
    await provisionTenant({ name: STARK.name, slug: STARK.slug, adminEmail: STARK.owner.email, adminPassword: STARK.owner.password }, { sendWelcome: false });
    const umbrella = await provisionTenant(
      { name: UMBRELLA.name, slug: UMBRELLA.slug, adminEmail: UMBRELLA.owner.email, adminPassword: UMBRELLA.owner.password, plan: "enterprise" },
      { sendWelcome: false },
    );
    const umbrellaRef = { id: umbrella.id, slug: umbrella.slug, name: umbrella.name, status: "active" as const, planId: umbrella.plan, customDomain: null, customDomainVerified: false, maintenance: null };
    await seedProperty(umbrellaRef, { name: UMBRELLA.property, price: 1234567.5, published: true });
    await setTenantDomain(UMBRELLA.slug, UMBRELLA.customDomain, { verified: true });
    const starkId = (await findTenantBySlug(STARK.slug)).id;
    await seedUser(starkId, "customer", STARK.customer);
    const vandelay = await provisionTenant(
      { name: VANDELAY.name, slug: VANDELAY.slug, adminEmail: VANDELAY.owner.email, adminPassword: VANDELAY.owner.password, plan: "enterprise" },
      { sendWelcome: false },
    );
    await seedUser(vandelay.id, "admin", VANDELAY.admin);
    await setTenantDomain(VANDELAY.slug, VANDELAY.customDomain, { verified: true });
    await sharedDb().tenantSettings.update({ where: { tenantId: vandelay.id }, data: { customJsUrl: vandelayScriptUrl } });
    const kramerica = await seedTenant({ slug: KRAMERICA.slug, name: KRAMERICA.name });
    await seedProperty(kramerica.ref, { name: KRAMERICA.property, published: true });
    await setTenantDomain(KRAMERICA.slug, KRAMERICA.customDomain, { verified: true });
    await seedUser(kramerica.id, "customer", KRAMERICA.attackersCustomer);
    await seedTenant({ slug: HOSTILE_NAME.slug, name: HOSTILE_NAME.name });
    const dunder = await provisionTenant(
      { name: DUNDER.name, slug: DUNDER.slug, adminEmail: DUNDER.owner.email, adminPassword: DUNDER.owner.password, plan: "enterprise" },
      { sendWelcome: false },
    );
    const dunderRef = { id: dunder.id, slug: dunder.slug, name: dunder.name, status: "active" as const, planId: dunder.plan, customDomain: null, customDomainVerified: false, maintenance: null };
    for (const name of DUNDER.properties) await seedProperty(dunderRef, { name });
    await seedUser(dunder.id, "agent", DUNDER.agent);
    await setLimitOverride(DUNDER.slug, "properties", DUNDER.propertyLimit);
    const soylent = await seedTenant({ slug: SOYLENT.slug, name: SOYLENT.name });
    for (const listing of SOYLENT.listings) {
      const property = await seedProperty(soylent.ref, { name: listing.name, price: listing.price, published: true });
      if (!listing.photo) continue;
      const bytes = tinyPng(40, 30, [34, 120, 200]);
      const photo = await runAsTenant(soylent.ref, "e2e-seed", () => uploadDocument({ tenant: soylent.ref }, { userId: soylent.adminUserId }, { filename: "front.png", bytes, propertyId: property.id }));
      await runAsTenant(soylent.ref, "e2e-seed", () => setListingPhotos({ tenant: soylent.ref }, { userId: soylent.adminUserId }, property.id, [photo.id]));
    }
    const pemberton = await seedTenant({ slug: PEMBERTON.slug, name: PEMBERTON.name });
    const lodge = await seedProperty(pemberton.ref, { ...PEMBERTON.listing, published: true });
    const photoIds: string[] = [];
    for (const [index, colour] of PEMBERTON.photoColours.entries()) {
      const upload = { filename: `lodge-${index + 1}.png`, bytes: tinyPng(40, 30, [colour[0], colour[1], colour[2]]), propertyId: lodge.id };
      photoIds.push((await runAsTenant(pemberton.ref, "e2e-seed", () => uploadDocument({ tenant: pemberton.ref }, { userId: pemberton.adminUserId }, upload))).id);
    }
    await runAsTenant(pemberton.ref, "e2e-seed", () => setListingPhotos({ tenant: pemberton.ref }, { userId: pemberton.adminUserId }, lodge.id, photoIds));
    await seedUser(pemberton.id, "customer", PEMBERTON.customer);
    await provisionTenant({ name: WONKA.name, slug: WONKA.slug, adminEmail: WONKA.owner.email, adminPassword: WONKA.owner.password }, { sendWelcome: false });
    const welcomeUrl = new URL(welcome.setPasswordUrl);
    return {
      tenantIds: { acme: acmeId, globex: (await findTenantBySlug(GLOBEX.slug)).id, suspended: suspended.id },
      welcomeSetPasswordPath: `${welcomeUrl.pathname}${welcomeUrl.search}`,
    };
  } finally {
    stopTenantProfileListener();
    await closeKv();
    await stopTenantCacheListener();
    await disconnectTenantClients();
    await disconnectSharedDb();
    await closePools();
  }
}

async function warmUp(port: number, host: string): Promise<void> {
  for (const path of ["/", "/login", "/dashboard", "/api/auth/session", "/api/auth/csrf"]) {
    await new Promise<void>((resolve) => {
      const request = http.get({ host: "127.0.0.1", port, path, headers: { host }, timeout: 30_000 }, (response) => {
        response.resume();
        response.on("end", () => resolve());
      });
      request.on("timeout", () => request.destroy());
      request.on("error", () => resolve());
    });
  }
}
