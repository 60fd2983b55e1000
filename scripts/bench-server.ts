import type { ChildProcess } from "node:child_process";
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import getPort from "get-port";
import type { PlanId } from "@/lib/plans/plans";
import { startEmbeddedS3 } from "@/lib/dev/embedded-s3";
import { startNext, waitUntilAnswering } from "@/lib/dev/next-server";
import type { BenchDatabase } from "./bench-support";

// Shared by scripts/bench-http.ts, bench-noisy.ts and bench-faults.ts: the production server as it runs in
// production (`next start`, NODE_ENV=production, the web tier's least-privilege database URLs, S3,
// Redis), tenants with an API token, and one request with a chosen Host. Lib modules are imported only
// after configureBenchEnv().

export const DIST_DIR = process.env.NEXT_DIST_DIR ?? ".next";

/** `next build`, or with `build` false a check that a production build is there. */
export function ensureProductionBuild(build: boolean): void {
  if (build) {
    console.log("Building (next build)…");
    execFileSync(process.execPath, [path.resolve("node_modules/next/dist/bin/next"), "build"], { stdio: ["ignore", "ignore", "inherit"] });
  } else if (!existsSync(path.join(DIST_DIR, "BUILD_ID"))) {
    throw new Error(`--no-build: no production build in ${DIST_DIR}; run without --no-build (or npx next build) first`);
  }
}

export function roleUrl(databaseUrl: string, role: string, password: string): string {
  const url = new URL(databaseUrl);
  url.username = role;
  url.password = password;
  return url.toString();
}

/**
 * The environment of a `next start` worker as production runs it: least-privilege database URLs only
 * (never the owner's), from what configureBenchEnv() put into process.env.
 */
export function webServerEnv(settings: { databaseUrl: string; appRole: string; rootDomain: string; authSecret: string; s3Endpoint: string; s3Bucket: string; redisUrl: string; mailDir: string }): NodeJS.ProcessEnv {
  const { DATABASE_URL: _owner, APP_DB_PASSWORD: appPassword, PLATFORM_DB_PASSWORD: platformPassword, APP_DB_ROLE: _appRole, PLATFORM_DB_ROLE: platformRole, DB_POOL_MAX: _pool, LOG_LEVEL: _level, ...inherited } =
    process.env;
  return {
    ...inherited,
    NODE_ENV: "production",
    APP_DATABASE_URL: roleUrl(settings.databaseUrl, settings.appRole, appPassword!),
    PLATFORM_DATABASE_URL: roleUrl(settings.databaseUrl, platformRole!, platformPassword!),
    APP_ROOT_DOMAIN: settings.rootDomain,
    AUTH_SECRET: settings.authSecret,
    S3_ENDPOINT: settings.s3Endpoint,
    S3_BUCKET: settings.s3Bucket,
    REDIS_URL: settings.redisUrl,
    LOG_LEVEL: "info",
    MAIL_OUTBOX_DIR: settings.mailDir,
  };
}

export interface BenchServer {
  port: number;
  server: ChildProcess;
  /** `next start` runs in its own process group, led by this pid. */
  groupId: number;
  stopS3: () => Promise<void>;
}

/**
 * S3 in `dataDir`, then `next start` on a free port with the owner URL replaced by the app's and the
 * platform's roles (configureBenchEnv() must have run). `extraEnv` goes last. The caller stops the
 * server (stopProcessGroup) and S3.
 */
export async function startBenchServer(input: { database: BenchDatabase; appRole: string; dataDir: string; logFile: string; redisUrl: string; extraEnv?: Record<string, string | undefined>; nodeArgs?: string[] }): Promise<BenchServer> {
  const authSecret = process.env.AUTH_SECRET;
  if (!authSecret) throw new Error("startBenchServer: run configureBenchEnv() first (it sets AUTH_SECRET)");
  const s3 = await startEmbeddedS3({ dir: path.join(input.dataDir, "s3"), bucket: "asset-anchor-bench" });
  try {
    const port = await getPort();
    const serverEnv: NodeJS.ProcessEnv = {
      ...webServerEnv({
        databaseUrl: input.database.url,
        appRole: input.appRole,
        rootDomain: `localhost:${port}`,
        authSecret,
        s3Endpoint: s3.endpoint,
        s3Bucket: "asset-anchor-bench",
        redisUrl: input.redisUrl,
        mailDir: path.join(input.dataDir, "outbox"),
      }),
      ...input.extraEnv,
    };
    const server = startNext(port, serverEnv, input.logFile, input.nodeArgs);
    await waitUntilAnswering(server, port, input.logFile);
    return { port, server, groupId: server.pid!, stopS3: s3.stop };
  } catch (error) {
    await s3.stop();
    throw error;
  }
}

export interface BenchTenant {
  id: string;
  slug: string;
  schema: string;
  adminUserId: string;
  token: string;
}

/** A tenant through provisionTenant() with `properties` published properties and an active owner's API token. */
export async function provisionBenchTenant(slug: string, plan: PlanId, properties: number): Promise<BenchTenant> {
  const { ownerPool } = await import("@/lib/db/pools");
  const { provisionTenant } = await import("@/lib/tenants/provision-tenant");
  const { issueApiToken } = await import("@/lib/auth/api-token");
  const tenant = await provisionTenant({ name: `Bench ${slug}`, slug, adminEmail: `owner@${slug}.test`, plan }, { sendWelcome: false });
  await ownerPool().query(
    `INSERT INTO "${tenant.schema}".properties (name, address, price, status, type, bedrooms, published, created_at)
     SELECT 'Property ' || n, n || ' Bench Street', 100000 + n * 1000, 'available', 'house', n % 6, true, now() - (n || ' minutes')::interval
     FROM generate_series(1, $1) AS n`,
    [properties],
  );
  // Invited owners cannot use tokens; an argon2 hash per tenant would only slow provisioning down.
  await ownerPool().query("UPDATE public.users SET status = 'active' WHERE id = $1", [tenant.adminUserId]);
  const { accessToken } = await issueApiToken({ id: tenant.adminUserId, tenantId: tenant.id, email: tenant.adminEmail, name: null, role: "owner", sessionVersion: 0 });
  return { id: tenant.id, slug, schema: tenant.schema, adminUserId: tenant.adminUserId, token: accessToken };
}

/** The same tenant with a new API token (tokens expire; a kept bench database outlives them). */
export async function withFreshToken(tenant: BenchTenant): Promise<BenchTenant> {
  const { issueApiToken } = await import("@/lib/auth/api-token");
  const { accessToken } = await issueApiToken({ id: tenant.adminUserId, tenantId: tenant.id, email: `owner@${tenant.slug}.test`, name: null, role: "owner", sessionVersion: 0 });
  return { ...tenant, token: accessToken };
}

export interface HttpAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** One request to 127.0.0.1:`port` with any Host (fetch() will not send a Host of its own choosing; node:http does). */
export function httpRequest(request: { port: number; method?: string; path: string; headers: Record<string, string>; body?: string; timeoutMs?: number; agent?: http.Agent }): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const outgoing = http.request(
      { host: "127.0.0.1", port: request.port, method: request.method ?? "GET", path: request.path, headers: request.headers, agent: request.agent, timeout: request.timeoutMs ?? 30_000 },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString("utf8") }));
        response.on("error", reject);
      },
    );
    outgoing.on("timeout", () => outgoing.destroy(Object.assign(new Error(`no answer within ${request.timeoutMs ?? 30_000} ms`), { code: "BENCH_TIMEOUT" })));
    outgoing.on("error", reject);
    outgoing.end(request.body);
  });
}

/** The status of one GET with the given headers. */
export async function statusOf(port: number, requestPath: string, headers: Record<string, string>): Promise<number> {
  return (await httpRequest({ port, path: requestPath, headers })).status;
}
