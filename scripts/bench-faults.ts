// npm run bench:faults [-- --tenants 20 --connections 8 --down 5 --settle 10 --no-build]
// Faults under load. Two `next start` workers of one production build (one per core, as production runs
// them: docs/deployment.md) behind a small round-robin front that, like Caddy's load balancer, retries a
// request on the other worker when one refuses the connection; a private PostgreSQL, redis-server and
// s3rver of its own (the machine's Redis and Postgres are never touched). First the shared-state checks
// of two workers (a session made on A works on B, a branding change made on A is seen by B, the API rate
// limit is counted across both); then load (reads, writes, portal pages, photos) while, one after the
// other, Redis, S3 and Postgres are stopped and started again and one worker is killed (SIGKILL) and
// restarted. For each fault it prints what the requests answered meanwhile, how long after the dependency
// came back the last failure was, and at the end whether every write the client saw acknowledged is stored.
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { Command } from "commander";
import getPort from "get-port";
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from "@/lib/dev/embedded-postgres";
import { startRedisServer, type RedisServer } from "@/lib/dev/embedded-redis";
import { startEmbeddedS3, type EmbeddedS3Handle } from "@/lib/dev/embedded-s3";
import { startNext, stopProcessGroup, waitUntilAnswering } from "@/lib/dev/next-server";
import { DIST_DIR, ensureProductionBuild, httpRequest, provisionBenchTenant, webServerEnv, type BenchTenant, type HttpAnswer } from "./bench-server";
import { closeLibConnections, configureBenchEnv, parsePositiveInt } from "./bench-support";

const options = new Command("bench:faults")
  .option("--tenants <n>", "tenants the load is spread over", parsePositiveInt, 20)
  .option("--connections <n>", "concurrent client loops", parsePositiveInt, 8)
  .option("--down <seconds>", "how long each dependency stays down", parsePositiveInt, 5)
  .option("--settle <seconds>", "load after each dependency is back", parsePositiveInt, 10)
  .option("--timeout <seconds>", "a request without an answer by then counts as a hang", parsePositiveInt, 10)
  .option("--no-build", "reuse the existing production build in .next (or $NEXT_DIST_DIR)")
  .parse()
  .opts<{ tenants: number; connections: number; down: number; settle: number; timeout: number; build: boolean }>();

const DATA_DIR = path.resolve(`.data/bench/faults-${process.pid}`);
const BUCKET = "asset-anchor-bench";
const PG_PASSWORD = randomBytes(12).toString("hex");
const SESSION_PASSWORD = `bench-${randomBytes(8).toString("hex")}`;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------------------------------------------
// The front: round robin over the workers; a refused connection (worker down) marks that worker down and
// retries on another, as Caddy's `lb_try_duration` does; a worker marked down gets requests again once a
// probe of GET /api/health gets any HTTP answer. A request already sent to
// a worker that dies is not retried (it may have been applied): the client gets 502.

interface Front {
  port: number;
  close(): Promise<void>;
}

function startFront(upstreams: number[], port: number, rootHost: string): Promise<Front> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 128 });
  const down = new Set<number>();
  const probe = (upstream: number) => {
    const request = http.get({ host: "127.0.0.1", port: upstream, path: "/api/health", headers: { host: rootHost }, timeout: 2_000 }, (answer) => {
      // Any answer: the worker serves again (/api/health's own 503 speaks of shared dependencies, not of it).
      answer.resume();
      down.delete(upstream);
    });
    request.on("timeout", () => request.destroy());
    request.on("error", () => setTimeout(() => probe(upstream), 250));
  };
  const markDown = (upstream: number) => {
    if (down.has(upstream)) return;
    down.add(upstream);
    probe(upstream);
  };
  let turn = 0;
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const body = Buffer.concat(chunks);
      const tried = new Set<number>();
      const attempt = () => {
        const untried = upstreams.filter((upstream) => !tried.has(upstream));
        const healthy = untried.filter((upstream) => !down.has(upstream));
        const pool = healthy.length > 0 ? healthy : untried;
        if (pool.length === 0) {
          response.writeHead(502).end("no worker answered");
          return;
        }
        const upstream = pool[turn++ % pool.length]!;
        tried.add(upstream);
        const proxied = http.request(
          { host: "127.0.0.1", port: upstream, method: request.method, path: request.url, headers: request.headers, agent },
          (upstreamResponse) => {
            response.writeHead(upstreamResponse.statusCode ?? 502, upstreamResponse.headers);
            upstreamResponse.pipe(response);
          },
        );
        proxied.on("error", (error: NodeJS.ErrnoException) => {
          const neverReached = error.code === "ECONNREFUSED" || (error.code === "ECONNRESET" && proxied.reusedSocket && !response.headersSent && request.method === "GET");
          if (neverReached) {
            markDown(upstream);
            attempt();
          } else if (!response.headersSent) response.writeHead(502).end("worker failed mid-request");
          else response.destroy();
        });
        proxied.end(body);
      };
      attempt();
    });
  });
  return new Promise((resolve) =>
    server.listen(port, "127.0.0.1", () =>
      resolve({
        port,
        close: () =>
          new Promise<void>((done) => {
            agent.destroy();
            server.closeAllConnections();
            server.close(() => done());
          }),
      }),
    ),
  );
}

// ---------------------------------------------------------------------------------------------------
// Load: `connections` loops, each request to a random tenant through the front.

type Kind = "api-list" | "api-write" | "portal" | "portal-photos" | "photo" | "branding";
const MIX: Kind[] = ["api-list", "portal", "api-write", "branding", "api-list", "portal-photos", "api-write", "photo"];

interface Sample {
  kind: Kind;
  start: number;
  end: number;
  /** HTTP status, or "timeout" (no answer within --timeout), or "error:<code>" (connection failed). */
  outcome: string;
  retryAfter: boolean;
}

interface AcknowledgedWrite {
  schema: string;
  id: string;
}

interface LoadState {
  samples: Sample[];
  acknowledged: AcknowledgedWrite[];
  running: boolean;
}

interface PhotoTenant {
  tenant: BenchTenant;
  photoId: string;
}

function startLoad(frontPort: number, tenants: BenchTenant[], photos: PhotoTenant, host: (slug: string) => string): { state: LoadState; stop: () => Promise<void> } {
  const state: LoadState = { samples: [], acknowledged: [], running: true };
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.connections });
  let counter = 0;
  const once = async (kind: Kind) => {
    // Writes skip the photo tenant: new published listings would push its photo listing off the first page.
    const others = tenants.filter((candidate) => candidate !== photos.tenant);
    const tenant = kind === "portal-photos" || kind === "photo" ? photos.tenant : kind === "api-write" ? others[Math.floor(Math.random() * others.length)]! : tenants[Math.floor(Math.random() * tenants.length)]!;
    const headers: Record<string, string> = { host: host(tenant.slug) };
    let requestPath = "/";
    let method = "GET";
    let body: string | undefined;
    if (kind === "api-list" || kind === "api-write") {
      headers.authorization = `Bearer ${tenant.token}`;
      requestPath = "/api/v1/properties?limit=20";
    }
    if (kind === "api-write") {
      method = "POST";
      requestPath = "/api/v1/properties";
      headers["content-type"] = "application/json";
      body = JSON.stringify({ name: `Fault write ${counter++}`, address: "1 Fault Street", price: 1000, type: "house", published: true });
    }
    if (kind === "branding") requestPath = "/api/tenant/branding";
    if (kind === "photo") requestPath = `/api/portal/photos/${photos.photoId}`;
    const start = performance.now();
    let outcome: string;
    let retryAfter = false;
    try {
      const answer = await httpRequest({ port: frontPort, method, path: requestPath, headers, body, timeoutMs: options.timeout * 1000, agent });
      outcome = String(answer.status);
      retryAfter = answer.headers["retry-after"] !== undefined;
      if (kind === "api-write" && answer.status === 201) state.acknowledged.push({ schema: tenant.schema, id: (JSON.parse(answer.body) as { id: string }).id });
      if (kind === "portal-photos" && answer.status === 200 && !answer.body.includes(`/api/portal/photos/${photos.photoId}`)) outcome = "200-without-photos";
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      outcome = code === "BENCH_TIMEOUT" ? "timeout" : `error:${code ?? (error as Error).message}`;
    }
    state.samples.push({ kind, start, end: performance.now(), outcome, retryAfter });
  };
  const loops = Array.from({ length: options.connections }, async (_unused, loop) => {
    for (let index = loop; state.running; index += 1) await once(MIX[index % MIX.length]!);
  });
  return {
    state,
    stop: async () => {
      state.running = false;
      await Promise.all(loops);
      agent.destroy();
    },
  };
}

const isSuccess = (sample: Sample) => sample.outcome === "200" || sample.outcome === "201" || sample.outcome === "200-without-photos";

interface FaultReport {
  name: string;
  during: Sample[];
  downMs: number;
  /** From the dependency being back to the end of the last failed request (0: none failed after it). */
  recoveryMs: number | null;
  restoreMs: number;
}

function outcomeCounts(samples: Sample[]): string {
  const counts = new Map<string, number>();
  for (const sample of samples) counts.set(sample.outcome, (counts.get(sample.outcome) ?? 0) + 1);
  return [...counts.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([outcome, count]) => `${outcome}: ${count}`)
    .join(", ");
}

async function runFault(load: LoadState, name: string, stop: () => Promise<void>, start: () => Promise<void>): Promise<FaultReport> {
  await sleep(2_000);
  const faultStart = performance.now();
  await stop();
  await sleep(options.down * 1000);
  const restoreStart = performance.now();
  await start();
  const up = performance.now();
  await sleep(options.settle * 1000);
  const windowEnd = performance.now();
  const during = load.samples.filter((sample) => sample.start >= faultStart && sample.start < up);
  const after = load.samples.filter((sample) => sample.start >= up && sample.end < windowEnd);
  const failedAfter = after.filter((sample) => !isSuccess(sample));
  const lastFailure = failedAfter.length > 0 ? Math.max(...failedAfter.map((sample) => sample.end)) : up;
  const recovered = after.some((sample) => isSuccess(sample) && sample.start > lastFailure);
  const report: FaultReport = { name, during, downMs: up - faultStart, restoreMs: up - restoreStart, recoveryMs: recovered || failedAfter.length === 0 ? lastFailure - up : null };
  console.log(`  ${name}: ${during.length} requests while down (${outcomeCounts(during)}); ` + (report.recoveryMs === null ? "NOT recovered" : `last failure ${(report.recoveryMs / 1000).toFixed(1)} s after it was back`));
  return report;
}

// ---------------------------------------------------------------------------------------------------
// Two workers share state only through Postgres and Redis.

function cookieJar(): { add(answer: HttpAnswer): void; header(): string } {
  const cookies = new Map<string, string>();
  return {
    add(answer) {
      for (const line of answer.headers["set-cookie"] ?? []) {
        const [pair] = line.split(";");
        const separator = pair!.indexOf("=");
        cookies.set(pair!.slice(0, separator), pair!.slice(separator + 1));
      }
    },
    header: () => [...cookies.entries()].map(([name, value]) => `${name}=${value}`).join("; "),
  };
}

/** The build's id of a server action, from the manifest `next build` writes. */
function serverActionId(exportedName: string, page: string): string {
  const manifest = JSON.parse(readFileSync(path.join(DIST_DIR, "server", "server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { workers: Record<string, unknown>; exportedName?: string }>;
  };
  const matches = Object.entries(manifest.node).filter(([, entry]) => Object.keys(entry.workers).some((worker) => worker.includes(page)) && entry.exportedName === exportedName);
  if (matches.length !== 1) throw new Error(`server action ${exportedName} of ${page}: ${matches.length} candidates in the manifest`);
  return matches[0]![0];
}

interface SharedStateResult {
  lines: string[];
  ok: boolean;
}

async function sharedStateChecks(workers: [number, number], sessionTenant: { slug: string; email: string }, limited: BenchTenant, host: (slug: string) => string): Promise<SharedStateResult> {
  const [portA, portB] = workers;
  const lines: string[] = [];
  let ok = true;
  const tenantHost = host(sessionTenant.slug);
  const origin = `http://${tenantHost}`;

  // A session made on A is a session on B (a JWT signed with the shared AUTH_SECRET; the user row in Postgres).
  const jar = cookieJar();
  const csrf = await httpRequest({ port: portA, path: "/api/auth/csrf", headers: { host: tenantHost } });
  jar.add(csrf);
  const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
  const form = new URLSearchParams({ email: sessionTenant.email, password: SESSION_PASSWORD, csrfToken, callbackUrl: `${origin}/dashboard`, json: "true" });
  const signIn = await httpRequest({
    port: portA,
    method: "POST",
    path: "/api/auth/callback/credentials",
    headers: { host: tenantHost, origin, "content-type": "application/x-www-form-urlencoded", cookie: jar.header() },
    body: form.toString(),
  });
  jar.add(signIn);
  const sessionOnB = await httpRequest({ port: portB, path: "/api/auth/session", headers: { host: tenantHost, cookie: jar.header() } });
  const dashboardOnB = await httpRequest({ port: portB, path: "/dashboard", headers: { host: tenantHost, cookie: jar.header() } });
  const sessionEmail = sessionOnB.status === 200 ? (JSON.parse(sessionOnB.body) as { user?: { email?: string } }).user?.email : undefined;
  const sessionWorks = sessionEmail === sessionTenant.email && dashboardOnB.status === 200;
  ok &&= sessionWorks;
  lines.push(`Session signed in on worker A (sign-in answered ${signIn.status}), used on worker B: /api/auth/session → ${sessionEmail ?? sessionOnB.status}, /dashboard → ${dashboardOnB.status}: ${sessionWorks ? "works" : "FAILED"}`);

  // A branding change saved through A (the settings page's server action) is seen by B.
  const brandingOf = async (port: number) => JSON.parse((await httpRequest({ port, path: "/api/tenant/branding", headers: { host: tenantHost } })).body) as { primaryColor: string };
  const before = await brandingOf(portB);
  await brandingOf(portA);
  const colour = `#${randomBytes(3).toString("hex")}`;
  const actionId = serverActionId("saveBrandingAction", "dashboard/settings/branding");
  const input = { theme: "light", primaryColor: colour, secondaryColor: "#0f172a", logoUrl: null, faviconUrl: null, customCssUrl: null, customJsUrl: null, customHeaderHtml: null, customFooterHtml: null, timezone: "UTC", dateFormat: "yyyy-MM-dd", currency: "USD" };
  const saved = await httpRequest({
    port: portA,
    method: "POST",
    path: "/dashboard/settings/branding",
    headers: { host: tenantHost, origin, "next-action": actionId, accept: "text/x-component", "content-type": "text/plain;charset=UTF-8", cookie: jar.header() },
    body: JSON.stringify([input]),
  });
  const savedAt = performance.now();
  const savedOk = saved.status === 200 && saved.body.includes('"ok":true');
  let seenAfter: number | null = null;
  while (savedOk && performance.now() - savedAt < 5_000) {
    if ((await brandingOf(portB)).primaryColor === colour) {
      seenAfter = performance.now() - savedAt;
      break;
    }
    await sleep(25);
  }
  const brandingOk = savedOk && seenAfter !== null && seenAfter <= 2_000 && before.primaryColor !== colour;
  ok &&= brandingOk;
  lines.push(
    `Branding saved through worker A (server action answered ${saved.status}${savedOk ? ", ok" : `: ${saved.body.slice(0, 200)}`}), seen by worker B ` +
      `${seenAfter === null ? "not within 5 s" : `after ${seenAfter.toFixed(0)} ms`} (goal ≤ 2,000 ms): ${brandingOk ? "ok" : "FAILED"}`,
  );

  // The per-tenant API limit is one count across both workers (Redis), not one per worker.
  // Start just after a minute boundary: the sliding window weighs in the previous minute, so a run that
  // crosses one is allowed a few more calls.
  const secondInMinute = (Date.now() / 1000) % 60;
  if (secondInMinute > 5) await sleep((60.2 - secondInMinute) * 1000);
  const limitStarted = performance.now();
  let allowed = 0;
  let refused = 0;
  let failedOpen = 0;
  let limit = 0;
  const perWorker = { A: 0, B: 0 };
  const requests = 130;
  for (let index = 0; index < requests; index += 1) {
    const onA = index % 2 === 0;
    const answer = await httpRequest({ port: onA ? portA : portB, path: "/api/v1/properties?limit=1", headers: { host: host(limited.slug), authorization: `Bearer ${limited.token}` } });
    limit = Number(answer.headers["ratelimit-limit"] ?? limit);
    if (answer.status === 200) {
      allowed += 1;
      // A call Redis did not count in time is let through with the full limit remaining (fail open, by design).
      if (index > 0 && answer.headers["ratelimit-remaining"] === String(limit)) failedOpen += 1;
      perWorker[onA ? "A" : "B"] += 1;
    } else if (answer.status === 429) refused += 1;
  }
  const limitOk = allowed >= limit && allowed <= limit + failedOpen && refused === requests - allowed;
  ok &&= limitOk;
  lines.push(
    `API rate limit (${limited.slug}, ${limit}/min): ${requests} requests alternating A and B in ${((performance.now() - limitStarted) / 1000).toFixed(1)} s → ${allowed} allowed (A ${perWorker.A}, B ${perWorker.B}), ${refused} refused with 429${failedOpen > 0 ? `; ${failedOpen} let through failed open (Redis slower than KV_TIMEOUT_MS)` : ""} ` +
      `(goal: ${limit} in total, plus any failed open): ${limitOk ? "ok" : "FAILED"}`,
  );
  return { lines, ok };
}

// ---------------------------------------------------------------------------------------------------

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once("error", () => resolve(false));
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
  });
}

async function waitForFreePort(port: number): Promise<void> {
  for (let attempt = 0; attempt < 200 && !(await portIsFree(port)); attempt += 1) await sleep(50);
}

async function main(): Promise<void> {
  ensureProductionBuild(options.build);
  rmSync(DATA_DIR, { recursive: true, force: true });
  mkdirSync(DATA_DIR, { recursive: true });
  const postgresOptions = { dataDir: path.join(DATA_DIR, "postgres"), password: PG_PASSWORD, database: "anchor_bench", persistent: true };
  let postgres: EmbeddedPostgresHandle = await startEmbeddedPostgres(postgresOptions);
  let redis: RedisServer = await startRedisServer({ dataDir: path.join(DATA_DIR, "redis") });
  let s3: EmbeddedS3Handle = await startEmbeddedS3({ dir: path.join(DATA_DIR, "s3"), bucket: BUCKET, preferredPort: await getPort() });
  const { appRole } = configureBenchEnv(postgres.url, 8);
  const authSecret = randomBytes(32).toString("base64url");
  Object.assign(process.env, { AUTH_SECRET: authSecret, S3_ENDPOINT: s3.endpoint, S3_BUCKET: BUCKET, REDIS_URL: redis.url });
  const workers: ReturnType<typeof startNext>[] = [];
  let front: Front | undefined;
  let exitCode = 0;
  try {
    const { migrateAll } = await import("@/lib/db/migrator");
    const { ownerPool } = await import("@/lib/db/pools");
    const { enableOwnerOutsideTenantScope } = await import("@/lib/db/shared-client");
    const { provisionTenant } = await import("@/lib/tenants/provision-tenant");
    const { uploadDocument } = await import("@/lib/documents/upload-document");
    const { setListingPhotos } = await import("@/lib/properties/set-listing-photos");
    const { runAsTenant } = await import("@/lib/tenancy/context");
    const { tinyPng } = await import("@/e2e/support/tiny-png");
    enableOwnerOutsideTenantScope();
    await migrateAll();

    const [portA, portB, frontPort] = [await getPort(), await getPort(), await getPort()];
    const host = (slug: string) => `${slug}.localhost:${frontPort}`;
    const tenants: BenchTenant[] = [];
    for (let index = 0; index < options.tenants; index += 1) tenants.push(await provisionBenchTenant(`fault-${index}`, "enterprise", 25));
    const limited = await provisionBenchTenant("fault-limited", "standard", 1);
    const sessionEmail = "owner@fault-session.test";
    await provisionTenant({ name: "Fault session", slug: "fault-session", adminEmail: sessionEmail, adminPassword: SESSION_PASSWORD, plan: "enterprise" }, { sendWelcome: false });

    const photoTenant = tenants[0]!;
    const ref = { id: photoTenant.id, slug: photoTenant.slug, name: `Bench ${photoTenant.slug}`, status: "active" as const, planId: "enterprise", customDomain: null, customDomainVerified: false, maintenance: null };
    const { rows } = await ownerPool().query<{ id: string }>(`SELECT id FROM "${photoTenant.schema}".properties ORDER BY created_at DESC LIMIT 1`);
    const upload = { filename: "front.png", bytes: tinyPng(40, 30, [34, 120, 200]), propertyId: rows[0]!.id };
    const photo = await runAsTenant(ref, "bench-faults", () => uploadDocument({ tenant: ref }, { userId: photoTenant.adminUserId }, upload));
    await runAsTenant(ref, "bench-faults", () => setListingPhotos({ tenant: ref }, { userId: photoTenant.adminUserId }, rows[0]!.id, [photo.id]));

    const serverEnv = webServerEnv({
      databaseUrl: postgres.url,
      appRole,
      rootDomain: `localhost:${frontPort}`,
      authSecret,
      s3Endpoint: s3.endpoint,
      s3Bucket: BUCKET,
      redisUrl: redis.url,
      mailDir: path.join(DATA_DIR, "outbox"),
    });
    const logOf = (name: string) => path.join(DATA_DIR, `next-${name}.log`);
    let workerStarts = 0;
    const startWorker = async (index: number) => {
      const port = index === 0 ? portA : portB;
      const name = index === 0 ? "a" : `b-${workerStarts++}`;
      workers[index] = startNext(port, serverEnv, logOf(name));
      await waitUntilAnswering(workers[index]!, port, logOf(name));
    };
    await Promise.all([startWorker(0), startWorker(1)]);
    front = await startFront([portA, portB], frontPort, `localhost:${frontPort}`);

    const cpus = os.cpus();
    console.log(
      [
        "Asset Anchor faults under load",
        `Date:     ${new Date().toISOString()}`,
        `CPU:      ${cpus[0]?.model ?? "unknown"} (${os.availableParallelism()} cores), load average ${os.loadavg().map((value) => value.toFixed(1)).join(" ")}`,
        `Node:     ${process.version}; 2 next start workers (ports ${portA}, ${portB}) behind a round-robin front on ${frontPort}`,
        `Services: embedded PostgreSQL, redis-server on ${redis.port}, s3rver on ${s3.port} (all private to this run)`,
        `Load:     ${options.connections} loops over ${options.tenants} tenants (${MIX.join(", ")}); dependency down ${options.down} s, then ${options.settle} s of load`,
        "",
      ].join("\n"),
    );

    const shared = await sharedStateChecks([portA, portB], { slug: "fault-session", email: sessionEmail }, limited, host);
    console.log(`Two workers, shared state only in Postgres and Redis:\n${shared.lines.map((line) => `  ${line}`).join("\n")}\n`);
    if (!shared.ok) exitCode = 1;

    const load = startLoad(frontPort, tenants, { tenant: photoTenant, photoId: photo.id }, host);
    const reports: FaultReport[] = [];
    console.log("Faults:");
    try {
      await sleep(3_000);
      const baseline = load.state.samples.slice();
      console.log(`  baseline: ${baseline.length} requests in 3 s (${outcomeCounts(baseline)})`);
      reports.push(
        await runFault(
          load.state,
          "Redis stopped and started",
          () => redis.stop(),
          async () => {
            await waitForFreePort(redis.port);
            redis = await startRedisServer({ port: redis.port, dataDir: path.join(DATA_DIR, "redis") });
          },
        ),
      );
      reports.push(
        await runFault(
          load.state,
          "S3 (s3rver) stopped and started",
          () => s3.stop(),
          async () => {
            await waitForFreePort(s3.port);
            const port = s3.port;
            s3 = await startEmbeddedS3({ dir: path.join(DATA_DIR, "s3"), bucket: BUCKET, port });
          },
        ),
      );
      reports.push(
        await runFault(
          load.state,
          "PostgreSQL stopped and started",
          () => postgres.stop(),
          async () => {
            await waitForFreePort(postgres.port);
            postgres = await startEmbeddedPostgres({ ...postgresOptions, port: postgres.port });
          },
        ),
      );
      reports.push(
        await runFault(
          load.state,
          "worker B killed (SIGKILL) and started",
          async () => {
            const worker = workers[1]!;
            const exited = new Promise((resolve) => worker.once("exit", resolve));
            process.kill(-worker.pid!, "SIGKILL");
            await exited;
          },
          async () => {
            await waitForFreePort(portB);
            await startWorker(1);
          },
        ),
      );
    } finally {
      await load.stop();
    }

    // Every write the client saw acknowledged (201 with an id) is stored.
    const bySchema = new Map<string, string[]>();
    for (const write of load.state.acknowledged) bySchema.set(write.schema, [...(bySchema.get(write.schema) ?? []), write.id]);
    let missing = 0;
    for (const [schema, ids] of bySchema) {
      const found = await ownerPool().query<{ count: string }>(`SELECT count(*) FROM "${schema}".properties WHERE id = ANY($1::uuid[])`, [ids]);
      missing += ids.length - Number(found.rows[0]!.count);
    }

    console.log("\n| Fault | Requests while down (by answer) | 500s | Hangs (> " + options.timeout + " s) | Slowest while down | Last failure after it was back |");
    console.log("| --- | --- | --- | --- | --- | --- |");
    for (const report of reports) {
      const serverErrors = report.during.filter((sample) => sample.outcome === "500").length;
      const hangs = report.during.filter((sample) => sample.outcome === "timeout").length;
      const slowest = Math.max(0, ...report.during.map((sample) => sample.end - sample.start));
      const unavailable = report.during.filter((sample) => sample.outcome === "503");
      const withRetryAfter = unavailable.filter((sample) => sample.retryAfter).length;
      const byKind = [...new Set(report.during.map((sample) => sample.kind))]
        .map((kind) => `${kind} ${outcomeCounts(report.during.filter((sample) => sample.kind === kind))}`)
        .join("; ");
      console.log(
        `| ${report.name} | ${report.during.length} (${byKind})${unavailable.length > 0 ? `; 503 with Retry-After: ${withRetryAfter}/${unavailable.length}` : ""} | ${serverErrors} | ${hangs} | ${(slowest / 1000).toFixed(2)} s | ` +
          `${report.recoveryMs === null ? "not recovered" : `${(report.recoveryMs / 1000).toFixed(1)} s`} |`,
      );
      if (serverErrors > 0 || hangs > 0 || report.recoveryMs === null) exitCode = 1;
    }
    const total = load.state.samples.length;
    console.log(`\nAcknowledged writes: ${load.state.acknowledged.length}, all stored afterwards: ${missing === 0 ? "yes" : `NO, ${missing} missing`} (${total} requests in all)`);
    if (missing > 0) exitCode = 1;
    console.log(`Worker logs: ${DATA_DIR}/next-*.log`);
  } finally {
    await front?.close();
    for (const worker of workers) if (worker) await stopProcessGroup(worker);
    await closeLibConnections();
    const { closeKv } = await import("@/lib/kv/kv");
    await closeKv();
    await s3.stop();
    await redis.stop();
    await postgres.stop();
    for (const dir of ["postgres", "redis", "s3"]) rmSync(path.join(DATA_DIR, dir), { recursive: true, force: true });
  }
  process.exitCode = exitCode;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
