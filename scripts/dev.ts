// `npm run dev`: the whole app on one machine with nothing installed but Node. Embedded PostgreSQL
// and S3 (unless DATABASE_URL / S3_ENDPOINT point at real ones), a redis-server when one is on PATH
// (unless REDIS_URL / UPSTASH_* are set), migrations, demo tenants, next dev.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { startEmbeddedPostgres } from "../lib/dev/embedded-postgres";
import { redisServerOnPath, startEmbeddedRedis } from "../lib/dev/embedded-redis";
import { startEmbeddedS3 } from "../lib/dev/embedded-s3";
import { removeDevServicesFile, writeDevServicesFile } from "../lib/dev/dev-services-file";
import { PER_PROCESS_NOTICE } from "../lib/rate-limit/policies";

interface DevSecrets {
  postgresPassword: string;
  appDbPassword: string;
  platformDbPassword?: string;
  authSecret?: string;
}

const dataDir = path.resolve(process.env.ANCHOR_DATA_DIR ?? ".data");
const port = Number(process.env.PORT ?? 3000);
const stops: Array<() => Promise<void>> = [];

/** Generated once per data dir and kept beside it (never committed: .data/ is ignored). */
function devSecrets(): Required<DevSecrets> {
  const file = path.join(dataDir, "dev-secrets.json");
  const stored: Partial<DevSecrets> = existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as DevSecrets) : {};
  const secrets = {
    postgresPassword: stored.postgresPassword ?? randomBytes(18).toString("base64url"),
    appDbPassword: stored.appDbPassword ?? randomBytes(18).toString("base64url"),
    platformDbPassword: stored.platformDbPassword ?? randomBytes(18).toString("base64url"),
    authSecret: stored.authSecret ?? randomBytes(32).toString("base64url"),
  };
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

async function stopAll(): Promise<void> {
  for (const stop of stops.splice(0).reverse()) await stop().catch(() => undefined);
}

async function main(): Promise<void> {
  const secrets = devSecrets();
  process.env.APP_ROOT_DOMAIN ??= `localhost:${port}`;
  process.env.MAIL_OUTBOX_DIR ??= path.join(dataDir, "outbox");
  process.env.S3_BUCKET ??= "asset-anchor";
  process.env.AUTH_SECRET ??= secrets.authSecret;

  if (!process.env.DATABASE_URL) {
    const postgres = await startEmbeddedPostgres({
      dataDir: path.join(dataDir, "postgres"),
      password: secrets.postgresPassword,
      database: "asset_anchor",
      persistent: true,
      // Continuous WAL archiving for `anchor backups restore-to-time` (docs/backups.md); PITR_DIR must match.
      walArchiveDir: path.join(process.env.PITR_DIR ?? path.join(dataDir, "pitr"), "wal"),
    });
    stops.push(postgres.stop);
    process.env.DATABASE_URL = postgres.url;
  }
  if (!process.env.APP_DATABASE_URL) process.env.APP_DB_PASSWORD ??= secrets.appDbPassword;
  if (!process.env.PLATFORM_DATABASE_URL) process.env.PLATFORM_DB_PASSWORD ??= secrets.platformDbPassword;
  if (!process.env.S3_ENDPOINT) {
    const s3 = await startEmbeddedS3({ dir: path.join(dataDir, "s3"), bucket: process.env.S3_BUCKET });
    stops.push(s3.stop);
    process.env.S3_ENDPOINT = s3.endpoint;
  }

  let redisLine = process.env.UPSTASH_REDIS_REST_URL ? new URL(process.env.UPSTASH_REDIS_REST_URL).origin : process.env.REDIS_URL ? redact(process.env.REDIS_URL) : "";
  if (!process.env.REDIS_URL && !process.env.UPSTASH_REDIS_REST_URL) {
    if (redisServerOnPath()) {
      const redis = await startEmbeddedRedis(path.join(dataDir, "redis"));
      stops.push(redis.stop);
      process.env.REDIS_URL = redis.url;
      redisLine = `${redis.url} (redis-server, data in ${path.join(dataDir, "redis")})`;
    } else {
      redisLine = "none: rate limits and usage metering are per-process";
      console.log(PER_PROCESS_NOTICE);
    }
  }

  // Imported only now: env() reads process.env once.
  const { env } = await import("../lib/env/env");
  const { migrateAll } = await import("../lib/db/migrator");
  const { seedDemoPlatformAdmin, seedDemoTenants } = await import("../lib/demo/seed-demo");
  const { ensureBucket } = await import("../lib/storage/s3");
  const { closePools } = await import("../lib/db/pools");
  const { disconnectSharedDb } = await import("../lib/db/shared-client");
  const { stopTenantCacheListener } = await import("../lib/tenancy/tenant-cache");
  const { adminBaseUrl, apexUrl } = await import("../lib/tenancy/tenant-urls");
  const { enableOwnerOutsideTenantScope } = await import("../lib/db/shared-client");
  const config = env();
  // This process migrates and seeds as the owner; next dev below gets least-privilege URLs only.
  enableOwnerOutsideTenantScope();

  const summary = await migrateAll();
  if (summary.tenants.failed.length > 0) {
    for (const failure of summary.tenants.failed) console.error(`migration failed for ${failure.schema}: ${failure.error}`);
  }
  await ensureBucket();
  const logins = await seedDemoTenants();
  const platformAdmin = await seedDemoPlatformAdmin();
  await stopTenantCacheListener();
  await disconnectSharedDb();
  await closePools();

  const width = Math.max(14, ...logins.map((login) => login.name.length));
  const lines = [
    "",
    "  Asset Anchor is starting",
    `  ${"Landing page".padEnd(width)} ${apexUrl()}`,
    `  ${"Admin console".padEnd(width)} ${adminBaseUrl()}   login ${platformAdmin.email} / ${platformAdmin.password}`,
    ...logins.map((login) => `  ${login.name.padEnd(width)} ${login.url}   login ${login.email} / ${login.password}`),
    `  ${"PostgreSQL".padEnd(width)} ${redact(process.env.DATABASE_URL)}`,
    `  ${"S3".padEnd(width)} ${process.env.S3_ENDPOINT} (bucket ${process.env.S3_BUCKET})`,
    `  ${"Redis".padEnd(width)} ${redisLine}`,
    `  ${"Mail outbox".padEnd(width)} ${process.env.MAIL_OUTBOX_DIR}`,
    "",
  ];
  console.log(lines.join("\n"));
  // `npm run anchor -- …` in this checkout reads this while dev runs (lib/cli/anchor.ts).
  writeDevServicesFile(process.env, dataDir);
  stops.push(async () => removeDevServicesFile(dataDir));

  const { DATABASE_URL: _owner, APP_DB_PASSWORD: _app, PLATFORM_DB_PASSWORD: _platform, ...withoutOwner } = process.env;
  const next = spawn(process.execPath, [path.resolve("node_modules/next/dist/bin/next"), "dev", "--port", String(port)], {
    stdio: "inherit",
    env: { ...withoutOwner, APP_DATABASE_URL: config.APP_DATABASE_URL, PLATFORM_DATABASE_URL: config.PLATFORM_DATABASE_URL },
  });
  const shutdown = (signal: NodeJS.Signals) => {
    next.kill(signal);
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
  next.on("exit", (code) => {
    void stopAll().then(() => process.exit(code ?? 0));
  });
}

function redact(url: string | undefined): string {
  if (!url) return "";
  const parsed = new URL(url);
  if (parsed.password) parsed.password = "***";
  return parsed.toString();
}

main().catch(async (error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  await stopAll();
  process.exit(1);
});
