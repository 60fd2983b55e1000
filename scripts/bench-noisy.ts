// npm run bench:noisy [-- --duration 20 --light-rate 20 --flood-connections 64 --flooder-plan standard --no-build --server-url URL]
// The noisy neighbour, end to end on the production server (scripts/bench-server.ts, as bench:http runs it):
// a light tenant (enterprise) calls GET /api/v1/properties?limit=20 with a Bearer token at a fixed rate,
// first alone, then while a second tenant (standard by default) floods the same route with 64 connections
// from a child process (scripts/bench-noisy-flooder.ts).
// Prints the light tenant's req/s, p50 and p99 side by side, the flooder's share of 429s (rate limit, i.e.
// RateLimit-Remaining: 0, and concurrency cap, no RateLimit headers), and how long the flood took to be limited.
// --compare-refusal-delay: the whole run twice in one invocation, on a server with paced front-door refusals
// (REFUSAL_DELAY_MS default) and on one with REFUSAL_DELAY_MS=0, fresh tenants each, printed side by side.
import { spawn } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { Command } from "commander";
import { stopProcessGroup } from "@/lib/dev/next-server";
import { isPlanId, type PlanId } from "@/lib/plans/plans";
import { type BenchTenant, ensureProductionBuild, provisionBenchTenant, startBenchServer, statusOf } from "./bench-server";
import type { FloodRequest, FloodTally, SampledAnswer } from "./bench-noisy-flooder";
import type { BenchDatabase } from "./bench-support";
import { closeLibConnections, configureBenchEnv, dropBenchRole, machineDescription, parsePositiveInt, startBenchDatabase } from "./bench-support";

interface Options {
  duration: number;
  warmup: number;
  lightRate: number;
  lightConnections: number;
  floodConnections: number;
  flooderPlan: PlanId;
  properties: number;
  build: boolean;
  redisUrl: string;
  serverUrl?: string;
  compareRefusalDelay: boolean;
  cpuProf: boolean;
}

const parsePlan = (value: string): PlanId => {
  if (!isPlanId(value)) throw new Error(`--flooder-plan: expected standard, professional or enterprise, got "${value}"`);
  return value;
};

const options = new Command("bench:noisy")
  .option("--duration <seconds>", "timed load per phase (alone, then under the flood)", parsePositiveInt, 20)
  .option("--warmup <seconds>", "untimed light load before the first phase", parsePositiveInt, 3)
  .option("--light-rate <n>", "the light tenant's requests per second (fixed rate)", parsePositiveInt, 20)
  .option("--light-connections <n>", "the light tenant's connections", parsePositiveInt, 4)
  .option("--flood-connections <n>", "the flooder's connections (as fast as it is answered)", parsePositiveInt, 64)
  .option("--flooder-plan <plan>", "the flooder's plan (its API requests per minute)", parsePlan, "standard")
  .option("--properties <n>", "published properties per tenant", parsePositiveInt, 25)
  .option("--no-build", "reuse the existing production build in .next (or $NEXT_DIST_DIR)")
  .option("--redis-url <url>", "Redis for the rate limiter and caches, as in production", "redis://127.0.0.1:6379")
  .option("--server-url <url>", "use this PostgreSQL server (CREATEDB role) instead of an embedded one")
  .option("--cpu-prof", "profile each server (node --cpu-prof; .cpuprofile files under the run's data directory)", false)
  .option("--compare-refusal-delay", "run twice: front-door refusals paced (REFUSAL_DELAY_MS default) and at once (REFUSAL_DELAY_MS=0)", false)
  .parse()
  .opts<Options>();

const DATA_DIR = path.resolve(`.data/bench/noisy-${process.pid}`);
const LOG_FILE = path.join(DATA_DIR, "next.log");
const API_PATH = "/api/v1/properties?limit=20";
/** RATE_LIMIT_POLICIES.tenantApi.windowMs, not imported: lib modules load only after configureBenchEnv(). */
const WINDOW_MS = 60_000;

function apiHeaders(tenant: BenchTenant, port: number): Record<string, string> {
  return { host: `${tenant.slug}.localhost:${port}`, authorization: `Bearer ${tenant.token}` };
}

/** One answer of the light tenant: when it came (s after its load began), how long it took, its status (0: an error or timeout, no latency). */
interface Sample {
  atSeconds: number;
  ms: number;
  status: number;
}

const SLOWEST_SHOWN = 6;

/**
 * The light tenant's load, one run for warm-up, alone and beside the flood: its client starts once (its
 * first answers are its slowest even alone), and the flood begins in the middle of it, as a neighbour would.
 * `onSecond` is called at each whole second of the run.
 */
async function lightLoad(port: number, tenant: BenchTenant, seconds: number, onSecond: (second: number) => void): Promise<Sample[]> {
  const started = performance.now();
  const samples: Sample[] = [];
  await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      { url: `http://127.0.0.1:${port}${API_PATH}`, connections: options.lightConnections, overallRate: options.lightRate, duration: seconds, timeout: 30, headers: apiHeaders(tenant, port) },
      (error: Error | null, done: autocannon.Result) => (error ? reject(error) : resolve(done)),
    );
    let second = 0;
    instance.on("tick", () => onSecond(++second));
    instance.on("response", (_client, status, _bytes, responseTime) => {
      samples.push({ atSeconds: (performance.now() - started) / 1000, ms: responseTime, status });
    });
    instance.on("reqError", () => samples.push({ atSeconds: (performance.now() - started) / 1000, ms: Number.NaN, status: 0 }));
  });
  return samples;
}

/** The samples of [fromSeconds, toSeconds), and the slowest of them with when they came (s after `fromSeconds`). */
function phaseOf(samples: Sample[], fromSeconds: number, toSeconds: number): { phase: Sample[]; slowest: Sample[] } {
  const phase = samples.filter((sample) => sample.atSeconds >= fromSeconds && sample.atSeconds < toSeconds);
  const slowest = phase.filter((sample) => sample.status !== 0).sort((a, b) => b.ms - a.ms).slice(0, SLOWEST_SHOWN).map((sample) => ({ ...sample, atSeconds: sample.atSeconds - fromSeconds }));
  return { phase, slowest };
}

const describeSlowest = (samples: Sample[]) => samples.map((sample) => `${sample.ms.toFixed(0)} ms at ${sample.atSeconds.toFixed(2)} s`).join(", ");

/**
 * The flood in a child process (scripts/bench-noisy-flooder.ts): in this one it starved the light
 * tenant's client. It warms its own client first: `ready` resolves when it waits, `go()` starts the flood,
 * `done` resolves with its tally.
 */
function flood(port: number, tenant: BenchTenant, seconds: number): { ready: Promise<void>; go: () => void; done: Promise<FloodTally> } {
  const request: FloodRequest = { url: `http://127.0.0.1:${port}${API_PATH}`, headers: apiHeaders(tenant, port), connections: options.floodConnections, seconds, windowMs: WINDOW_MS };
  const child = spawn(path.resolve("node_modules/.bin/tsx"), [path.resolve("scripts/bench-noisy-flooder.ts"), JSON.stringify(request)], { stdio: ["pipe", "pipe", "inherit"] });
  let output = "";
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  child.stdout.on("data", (chunk: Buffer) => {
    output += chunk.toString();
    if (output.includes("ready\n")) markReady();
  });
  const done = new Promise<FloodTally>((resolve, reject) => {
    child.on("error", reject);
    child.on("exit", (code) => {
      markReady();
      if (code !== 0) return reject(new Error(`the flooder exited with ${code}`));
      resolve(JSON.parse(output.trim().split("\n").at(-1)!) as FloodTally);
    });
  });
  return { ready, go: () => child.stdin.end("go\n"), done };
}

/** The bare route handler's latency once a second: whether the whole process is saturated, not only the tenant API. */
async function probeEverySecond(port: number, seconds: number): Promise<string[]> {
  const results: string[] = [];
  const until = performance.now() + seconds * 1000;
  while (performance.now() < until) {
    const started = performance.now();
    const status = await statusOf(port, "/api/bench-floor", { host: `localhost:${port}` }).catch(() => 0);
    const took = performance.now() - started;
    results.push(`${status === 200 ? "" : `${status} `}${took.toFixed(0)} ms`);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, 1000 - took)));
  }
  return results;
}

interface Row {
  phase: string;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  max: number;
  failed: number;
  statuses: string;
}

function rowOf(phase: string, samples: Sample[], seconds: number): Row {
  const latencies = samples.filter((sample) => sample.status !== 0).map((sample) => sample.ms).sort((a, b) => a - b);
  const at = (quantile: number) => latencies[Math.min(latencies.length - 1, Math.max(0, Math.ceil(quantile * latencies.length) - 1))] ?? 0;
  const byStatus = new Map<number, number>();
  for (const sample of samples) if (sample.status < 200 || sample.status >= 300) byStatus.set(sample.status, (byStatus.get(sample.status) ?? 0) + 1);
  return {
    phase,
    requestsPerSecond: samples.length / seconds,
    p50: at(0.5),
    p99: at(0.99),
    max: latencies.at(-1) ?? 0,
    failed: [...byStatus.values()].reduce((sum, count) => sum + count, 0),
    statuses: [...byStatus].map(([code, count]) => `${code === 0 ? "errors" : code}×${count}`).join(" "),
  };
}

function formatTable(rows: Row[]): string {
  const header = ["Light tenant", "req/s", "p50 ms", "p99 ms", "max ms", "non-2xx/errors"];
  const lines = rows.map((row) => [row.phase, row.requestsPerSecond.toFixed(1), row.p50.toFixed(0), row.p99.toFixed(0), row.max.toFixed(0), row.statuses ? `${row.failed} (${row.statuses})` : String(row.failed)]);
  const widths = header.map((title, column) => Math.max(title.length, ...lines.map((line) => line[column]!.length)));
  const format = (cells: string[]) => `| ${cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join(" | ")} |`;
  return [format(header), `| ${widths.map((width) => "-".repeat(width)).join(" | ")} |`, ...lines.map(format)].join("\n");
}

const percent = (part: number, whole: number) => (whole > 0 ? `${((100 * part) / whole).toFixed(1)} %` : "n/a");

interface Variant {
  label: string;
  env: Record<string, string>;
}

interface VariantResult {
  variant: Variant;
  rows: Row[];
  ratio: number;
  tally: FloodTally;
  floorProbes: string[];
  /** The light tenant's slowest answers per phase, with when they came. */
  slowestAlone: Sample[];
  slowestBeside: Sample[];
  loadBefore: string;
  loadAfter: string;
  logFile: string;
}

const loadAverage = () => os.loadavg().map((load) => load.toFixed(2)).join(", ");

/** One server (next start with `variant.env`), fresh tenants: warm-up, the light tenant alone, then beside the flood. */
async function runVariant(context: { database: BenchDatabase; appRole: string }, variant: Variant, index: number): Promise<VariantResult> {
  const logFile = index === 0 ? LOG_FILE : path.join(DATA_DIR, `next-${index}.log`);
  mkdirSync(path.join(DATA_DIR, `server-${index}`), { recursive: true });
  const profileDir = path.join(DATA_DIR, `server-${index}`, "cpu-prof");
  const bench = await startBenchServer({ database: context.database, appRole: context.appRole, dataDir: path.join(DATA_DIR, `server-${index}`), logFile, redisUrl: options.redisUrl, extraEnv: variant.env, nodeArgs: options.cpuProf ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : [] });
  try {
    const { port } = bench;
    const light = await provisionBenchTenant(`noisy-light-${index}`, "enterprise", options.properties);
    const flooder = await provisionBenchTenant(`noisy-flooder-${index}`, options.flooderPlan, options.properties);
    for (const tenant of [light, flooder]) {
      const status = await statusOf(port, API_PATH, apiHeaders(tenant, port));
      if (status !== 200) throw new Error(`GET ${API_PATH} for ${tenant.slug} answered ${status}; see ${logFile}`);
    }
    const loadBefore = loadAverage();
    // The flooder warms its own client and waits: started now, it would run during the light tenant's phase alone.
    const flooding = flood(port, flooder, options.duration);
    await flooding.ready;
    const floodAt = options.warmup + options.duration;
    let floodStartedAt = floodAt;
    let probes: Promise<string[]> = Promise.resolve([]);
    const lightStarted = performance.now();
    // The light client sends each second's requests as a batch at the second's start (autocannon's rate); a
    // neighbour's flood begins at any moment, not in step with those batches, so it is started at a random
    // point of the second (printed).
    const offsetMs = Math.floor(Math.random() * 1000);
    const lightRunning = lightLoad(port, light, floodAt + options.duration + 1, (second) => {
      if (second !== floodAt) return;
      setTimeout(() => {
        floodStartedAt = (performance.now() - lightStarted) / 1000;
        flooding.go();
        probes = probeEverySecond(port, options.duration);
      }, offsetMs);
    });
    const [lightSamples, tally] = await Promise.all([lightRunning, flooding.done]);
    const floorProbes = await probes;
    const alone = phaseOf(lightSamples, options.warmup, floodAt);
    const beside = phaseOf(lightSamples, floodStartedAt, floodStartedAt + options.duration);
    const rows = [rowOf(`${variant.label}: alone`, alone.phase, options.duration), rowOf(`${variant.label}: beside a flood at c=${options.floodConnections}`, beside.phase, options.duration)];
    console.log(`${variant.label}: the flood began ${offsetMs} ms after the light client's second ${floodAt}`);
    if (options.cpuProf) console.log(`${variant.label}: CPU profiles in ${profileDir} (written when the server exits)`);
    return { variant, rows, ratio: rows[1]!.p99 / Math.max(1, rows[0]!.p99), tally, floorProbes, slowestAlone: alone.slowest, slowestBeside: beside.slowest, loadBefore, loadAfter: loadAverage(), logFile };
  } finally {
    await stopProcessGroup(bench.server);
    await bench.stopS3();
  }
}

/** Headers that differ per answer or per connection, and the seconds left, which differ by when it was asked. */
const PER_ANSWER_HEADERS = new Set(["date", "x-request-id", "connection", "keep-alive", "transfer-encoding", "content-length", "ratelimit-reset", "retry-after"]);
const timeless = (body: string) => body.replace(/Try again in \d+ s\./, "Try again in N s.").replace(/"retryAfterSeconds":\d+/, '"retryAfterSeconds":N');

/** Whether the first rate-limit 429 (withTenant's, through Next) and the last (the front door's) answer alike. */
function sameAnswer(first: SampledAnswer | null, last: SampledAnswer | null): string {
  if (!first || !last) return "not compared (fewer than two rate-limit 429s)";
  const names = new Set([...Object.keys(first.headers), ...Object.keys(last.headers)]);
  const differing = [...names].filter((name) => !PER_ANSWER_HEADERS.has(name) && first.headers[name] !== last.headers[name]);
  const bodies = timeless(first.body) === timeless(last.body) ? "same body" : `bodies differ: ${first.body} vs ${last.body}`;
  const framing = ["content-length", "transfer-encoding"].map((name) => `${name} ${first.headers[name] ?? "—"}/${last.headers[name] ?? "—"}`).join(", ");
  return `${differing.length === 0 ? "same headers" : `headers differ: ${differing.map((name) => `${name} ${first.headers[name] ?? "—"} vs ${last.headers[name] ?? "—"}`).join("; ")}`}, ${bodies} (framing ${framing})`;
}

function report(result: VariantResult): boolean {
  const { tally, variant } = result;
  const total = tally.ok + tally.rateLimited + tally.concurrencyCapped + tally.unavailable + tally.other;
  console.log(
    [
      `\n${variant.label}: light tenant p99 under the flood / alone = ${result.ratio.toFixed(2)}× (goal ≤ 1.25×); load avg ${result.loadBefore} before, ${result.loadAfter} after`,
      `  Flooder: ${total} responses (${(total / options.duration).toFixed(0)}/s), ${tally.ok} 2xx, ` +
        `429 ${percent(tally.rateLimited + tally.concurrencyCapped, total)} (rate limit ${tally.rateLimited}, concurrency cap ${tally.concurrencyCapped}), ` +
        `503 ${tally.unavailable}, other ${tally.other}, errors ${tally.errors}, timeouts ${tally.timeouts}`,
      `  Flooder limited after ${tally.firstRateLimitedMs === null ? "— (never rate-limited)" : `${(tally.firstRateLimitedMs / 1000).toFixed(2)} s`} ` +
        `(first 429 with RateLimit-Remaining; goal within one window, ${WINDOW_MS / 1000} s); last 2xx in the first window at ` +
        `${tally.lastOkInFirstWindowMs === null ? "—" : `${(tally.lastOkInFirstWindowMs / 1000).toFixed(2)} s`}`,
      `  Floor probe (GET /api/bench-floor on the apex, one a second during the flood): ${result.floorProbes.join(", ")}`,
      `  Light tenant's slowest answers, alone: ${describeSlowest(result.slowestAlone)}`,
      `  Light tenant's slowest answers, beside the flood (s after the flood began): ${describeSlowest(result.slowestBeside)}`,
      `  First rate-limit 429 (withTenant, through Next) vs last (front door): ${sameAnswer(tally.firstRateLimited, tally.lastRateLimited)}`,
    ].join("\n"),
  );
  const limitedInWindow = tally.firstRateLimitedMs !== null && tally.firstRateLimitedMs <= WINDOW_MS;
  if (result.rows.some((row) => row.failed > 0) || !limitedInWindow) {
    console.log(`  The light tenant had failures, or the flooder was not limited within one window; see ${result.logFile}`);
    return false;
  }
  return true;
}

async function main(): Promise<void> {
  ensureProductionBuild(options.build);
  rmSync(DATA_DIR, { recursive: true, force: true });
  mkdirSync(DATA_DIR, { recursive: true });

  const database = await startBenchDatabase(options.serverUrl);
  const { appRole } = configureBenchEnv(database.url, 4);
  const variants: Variant[] = options.compareRefusalDelay
    ? [
        { label: "paced", env: {} },
        { label: "REFUSAL_DELAY_MS=0", env: { REFUSAL_DELAY_MS: "0" } },
      ]
    : [{ label: process.env.REFUSAL_DELAY_MS === undefined ? "default" : `REFUSAL_DELAY_MS=${process.env.REFUSAL_DELAY_MS}`, env: {} }];
  try {
    const { migrateAll } = await import("@/lib/db/migrator");
    await migrateAll();
    console.log(
      [
        "Asset Anchor noisy-neighbour benchmark",
        ...machineDescription(database),
        `Load avg: ${loadAverage()} (1, 5, 15 min) before the run`,
        `Route:    GET ${API_PATH} (Bearer), production server (next start)`,
        `Light:    enterprise tenant, ${options.lightRate} req/s over ${options.lightConnections} connections, ${options.warmup} s warm-up + ${options.duration} s per phase`,
        `Flooder:  ${options.flooderPlan} tenant, ${options.floodConnections} connections as fast as answered, during the second phase`,
        `Servers:  ${variants.map((variant) => variant.label).join(", then ")} (a fresh server and fresh tenants each)`,
        "",
      ].join("\n"),
    );
    const results: VariantResult[] = [];
    for (const [index, variant] of variants.entries()) results.push(await runVariant({ database, appRole }, variant, index));
    console.log(formatTable(results.flatMap((result) => result.rows)));
    const passed = results.map(report);
    console.log(`\nLoad avg: ${loadAverage()} after the run`);
    if (passed.includes(false)) process.exitCode = 1;
  } finally {
    await closeLibConnections();
    await database.drop();
    if (options.serverUrl) await dropBenchRole(options.serverUrl, appRole);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
