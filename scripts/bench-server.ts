import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import http from "node:http";
import path from "node:path";

// Shared by scripts/bench-http.ts and scripts/bench-faults.ts: the production build, the web tier's
// environment, bench tenants with data, and one HTTP request with a chosen Host header.

export const DIST_DIR = process.env.NEXT_DIST_DIR ?? ".next";

export function ensureBuild(build: boolean): void {
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

export interface BenchTenant {
  id: string;
  slug: string;
  schema: string;
  adminUserId: string;
  token: string;
}

/**
 * One tenant through provisionTenant() with `properties` published properties (one statement) and an
 * active owner holding an API token. Import only after configureBenchEnv().
 */
export async function provisionBenchTenant(slug: string, properties: number, plan: string): Promise<BenchTenant> {
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
