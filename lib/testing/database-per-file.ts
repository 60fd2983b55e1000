import { randomBytes } from "node:crypto";
import { rm } from "node:fs/promises";
import pg from "pg";
import { afterAll, inject } from "vitest";
import { startLocalDns } from "./local-dns";

// Runs before every test file, in that file's module graph: a fresh database with the shared
// migrations applied, and the env pointing at it. Tenant schemas are created by the tests.
const adminUrl = inject("testPostgresAdminUrl");
const databaseName = `anchor_test_${randomBytes(6).toString("hex")}`;
const outboxDir = `.data/test-outbox/${databaseName}`;

const localDns = await startLocalDns();

const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
await admin.query(`CREATE DATABASE ${databaseName}`);
await admin.end();

const databaseUrl = new URL(adminUrl);
databaseUrl.pathname = `/${databaseName}`;
Object.assign(process.env, {
  NODE_ENV: "test",
  DATABASE_URL: databaseUrl.toString(),
  // A role of the tests' own, so a shared server's real app role is never touched.
  APP_DB_ROLE: "anchor_test_app",
  APP_DB_PASSWORD: "anchor-test-app-password",
  PLATFORM_DB_ROLE: "anchor_test_platform",
  PLATFORM_DB_PASSWORD: "anchor-test-platform-password",
  S3_ENDPOINT: inject("testS3Endpoint"),
  S3_BUCKET: "asset-anchor-test",
  MAIL_OUTBOX_DIR: outboxDir,
  LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? "silent",
  APP_ROOT_DOMAIN: "localhost:3000",
  AUTH_SECRET: "test-auth-secret-that-is-long-enough-0123456789",
  DNS_SERVERS: localDns.server,
  DNS_TIMEOUT_MS: "1000",
  CUSTOM_DOMAIN_TARGET: "cname.platform.test",
  // The machine's (or CI's) real Redis, through lib/kv; keys and channels namespaced per file.
  REDIS_URL: process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379",
  KV_NAMESPACE: databaseName,
});
delete process.env.UPSTASH_REDIS_REST_URL;
delete process.env.UPSTASH_REDIS_REST_TOKEN;
delete process.env.APP_DATABASE_URL;
delete process.env.PLATFORM_DATABASE_URL;
delete process.env.SMTP_URL;

const { migrateShared } = await import("@/lib/db/migrator");
await migrateShared();
// Tests seed and assert as the operator; request paths still run as the app role inside their tenant's
// context (lib/db/row-level-security.test.ts turns this off to check the web tier's fail-closed default).
const { enableOwnerOutsideTenantScope } = await import("@/lib/db/shared-client");
enableOwnerOutsideTenantScope();

afterAll(async () => {
  const { closePools } = await import("@/lib/db/pools");
  const { stopTenantCacheListener } = await import("@/lib/tenancy/tenant-cache");
  const { disconnectTenantClients } = await import("@/lib/db/tenant-client");
  const { disconnectSharedDb } = await import("@/lib/db/shared-client");
  const { stopTenantProfileListener } = await import("@/lib/tenant-profile/tenant-profile");
  const { closeKv } = await import("@/lib/kv/kv");
  stopTenantProfileListener();
  await closeKv();
  await stopTenantCacheListener();
  await disconnectTenantClients();
  await disconnectSharedDb();
  await closePools();
  const cleanup = new pg.Client({ connectionString: adminUrl });
  await cleanup.connect();
  await cleanup.query(`DROP DATABASE IF EXISTS ${databaseName} WITH (FORCE)`);
  await cleanup.end();
  await rm(outboxDir, { recursive: true, force: true });
  await localDns.close();
});

export const testDatabase = { name: databaseName, url: databaseUrl.toString(), adminUrl, outboxDir };

/** The zone this file's DNS server answers from (DNS_SERVERS points at it). */
export const testDnsZone = localDns.zone;
