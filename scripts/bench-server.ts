import type { ChildProcess } from "node:child_process";
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { request } from "node:http";
import path from "node:path";
import getPort from "get-port";
import type { PlanId } from "@/lib/plans/plans";
import { startEmbeddedS3 } from "@/lib/dev/embedded-s3";
import { startNext, waitUntilAnswering } from "@/lib/dev/next-server";
import type { BenchDatabase } from "./bench-support";

// Shared by scripts/bench-http.ts and scripts/bench-noisy.ts: the production server as it runs in
// production (`next start`, NODE_ENV=production, the web tier's least-privilege database URLs, S3,
// Redis) and tenants with an API token. Lib modules are imported only after configureBenchEnv().

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
export async function startBenchServer(input: { database: BenchDatabase; appRole: string; dataDir: string; logFile: string; redisUrl: string; extraEnv?: Record<string, string | undefined> }): Promise<BenchServer> {
  const authSecret = process.env.AUTH_SECRET;
  if (!authSecret) throw new Error("startBenchServer: run configureBenchEnv() first (it sets AUTH_SECRET)");
  const s3 = await startEmbeddedS3({ dir: path.join(input.dataDir, "s3"), bucket: "asset-anchor-bench" });
  try {
    const port = await getPort();
    const roleUrl = (role: string, password: string) => {
      const url = new URL(input.database.url);
      url.username = role;
      url.password = password;
      return url.toString();
    };
    const { DATABASE_URL: _owner, APP_DB_PASSWORD: appPassword, PLATFORM_DB_PASSWORD: platformPassword, APP_DB_ROLE: _appRole, PLATFORM_DB_ROLE: platformRole, DB_POOL_MAX: _pool, LOG_LEVEL: _level, ...inherited } =
      process.env;
    const serverEnv: NodeJS.ProcessEnv = {
      ...inherited,
      NODE_ENV: "production",
      APP_DATABASE_URL: roleUrl(input.appRole, appPassword!),
      PLATFORM_DATABASE_URL: roleUrl(platformRole!, platformPassword!),
      APP_ROOT_DOMAIN: `localhost:${port}`,
      AUTH_SECRET: authSecret,
      S3_ENDPOINT: s3.endpoint,
      S3_BUCKET: "asset-anchor-bench",
      REDIS_URL: input.redisUrl,
      LOG_LEVEL: "info",
      MAIL_OUTBOX_DIR: path.join(input.dataDir, "outbox"),
      ...input.extraEnv,
    };
    const server = startNext(port, serverEnv, input.logFile);
    await waitUntilAnswering(server, port, input.logFile);
    return { port, server, groupId: server.pid!, stopS3: s3.stop };
  } catch (error) {
    await s3.stop();
    throw error;
  }
}

export interface BenchTenant {
  slug: string;
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
  return { slug, token: accessToken };
}

/** One request through node:http (fetch will not send a Host header of its own choosing); its status. */
export function statusOf(port: number, requestPath: string, headers: Record<string, string>): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    const outgoing = request({ host: "127.0.0.1", port, path: requestPath, headers }, (response) => {
      response.resume();
      response.on("end", () => resolve(response.statusCode ?? 0));
    });
    outgoing.on("error", reject);
    outgoing.end();
  });
}
