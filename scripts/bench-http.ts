// npm run bench:http [-- --tenants 10,1000,10000 --duration 10 --connections 32 --no-build --no-warm-pass --cpu-prof --heap-sample --server-url URL --node-flags FLAGS --compare-per-tenant-clients --compare-node-options FLAGS]
// The request path end to end: `next build` (unless --no-build), `next start` with NODE_ENV=production and the
// web tier's least-privilege database URLs, embedded PostgreSQL and S3, tenants provisioned through
// provisionTenant() with 25 published properties each, then autocannon against (0) a bare route handler,
// (1) GET /api/v1/properties?limit=20 with a Bearer token, (2) the portal listing page, (3) the branding API,
// every request to the next tenant of a shuffled list of all N. Each row first sends every tenant one request
// (the cold pass, reported apart; --no-warm-pass skips it), so rows measure the steady state of N active
// tenants. Node CPU and RSS are read from /proc for the
// server's whole process group; V8 heap from the processes themselves (scripts/bench-http-memory.cjs).
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import autocannon from "autocannon";
import { Command } from "commander";
import { stopProcessGroup } from "@/lib/dev/next-server";
import { type BenchServer, type BenchTenant, ensureProductionBuild, provisionBenchTenant, startBenchServer, statusOf, withFreshToken } from "./bench-server";
import { closeLibConnections, configureBenchEnv, dropBenchRole, machineDescription, runTimed, startBenchDatabase } from "./bench-support";

interface Options {
  tenants: number[];
  duration: number;
  warmup: number;
  connections: number;
  properties: number;
  build: boolean;
  warmPass: boolean;
  scenarios: number[];
  cpuProf: boolean;
  heapSample: boolean;
  redisUrl: string;
  serverUrl?: string;
  comparePerTenantClients: boolean;
  compareNodeOptions?: string;
  nodeFlags?: string;
  keep?: string;
  rounds: number;
}

const parseCounts = (value: string): number[] => {
  const counts = value.split(",").map((part) => Number(part.replaceAll("_", "").trim()));
  if (counts.some((count) => !Number.isInteger(count) || count < 1)) throw new Error(`--tenants: expected whole numbers like 10,1000,10000, got "${value}"`);
  return [...new Set(counts)].sort((a, b) => a - b);
};
const parseWhole = (value: string): number => {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) throw new Error(`expected a whole number, got "${value}"`);
  return parsed;
};

const options = new Command("bench:http")
  .option("--tenants <list>", "active tenant counts, ascending, comma-separated (each round adds tenants to the last)", parseCounts, [10, 1000])
  .option("--duration <seconds>", "timed load per scenario and tenant count", parseWhole, 10)
  .option("--warmup <seconds>", "untimed load before each timed run", parseWhole, 2)
  .option("--connections <n>", "concurrent connections", parseWhole, 32)
  .option("--properties <n>", "published properties per tenant", parseWhole, 25)
  .option("--scenarios <list>", "which rows to run, of 0 (floor), 1 (API), 2 (portal), 3 (branding)", (value: string) => value.split(",").map(parseWhole), [0, 1, 2, 3])
  .option("--cpu-prof", "write V8 CPU profiles of the server to .data/bench/http-<pid>/profiles (open in Chrome DevTools)", false)
  .option("--heap-sample", "write V8 sampling heap profiles of what each timed row promoted to the old generation to .data/bench/http-<pid>/heap (summarise with scripts/heapprofile-summary.ts)", false)
  .option("--no-build", "reuse the existing production build in .next (or $NEXT_DIST_DIR)")
  .option("--no-warm-pass", "no untimed request to every tenant before each row (rows then mix first and repeat requests, as before)")
  .option("--redis-url <url>", "Redis for the rate limiter and caches, as in production", "redis://127.0.0.1:6379")
  .option("--server-url <url>", "use this PostgreSQL server (CREATEDB role) instead of an embedded one")
  .option("--compare-node-options <flags>", "also start the same build with these Node or V8 flags on its command line (e.g. \"--max-semi-space-size=64\", \"--single-threaded-gc\") and run every row on both, one after the other")
  .option("--node-flags <flags>", "Node or V8 flags on every server's command line (e.g. \"--trace-gc-nvp\": its output goes to the server's log)")
  .option("--rounds <n>", "run the whole sequence of tenant counts this many times on the same servers (10, 10000, 10, 10000, …): ratios per round and their median", parseWhole, 1)
  .option("--keep <file>", "with --server-url: keep the bench database, its roles and tenants, written to <file>; a later run with the same --keep <file> reuses them and provisions only what its --tenants add")
  .option("--compare-per-tenant-clients", "also start the same build with TENANT_DB_CLIENTS=per-tenant (the former client per tenant) and run every row on both, one after the other", false)
  .parse()
  .opts<Options>();

const DATA_DIR = path.resolve(`.data/bench/http-${process.pid}`);
const LOG_FILE = path.join(DATA_DIR, "next.log");
const MEMORY_DIR = path.join(DATA_DIR, "memory");

interface Scenario {
  name: string;
  request: (tenant: BenchTenant, port: number) => { path: string; headers: Record<string, string> };
}

const SCENARIOS: Scenario[] = [
  { name: "(0) floor GET /api/bench-floor (apex)", request: (_tenant, port) => ({ path: "/api/bench-floor", headers: { host: `localhost:${port}` } }) },
  {
    name: "(1) GET /api/v1/properties?limit=20 (Bearer)",
    request: (tenant, port) => ({ path: "/api/v1/properties?limit=20", headers: { host: `${tenant.slug}.localhost:${port}`, authorization: `Bearer ${tenant.token}` } }),
  },
  { name: "(2) portal listing GET /", request: (tenant, port) => ({ path: "/", headers: { host: `${tenant.slug}.localhost:${port}` } }) },
  { name: "(3) GET /api/tenant/branding", request: (tenant, port) => ({ path: "/api/tenant/branding", headers: { host: `${tenant.slug}.localhost:${port}` } }) },
];

interface Row {
  round: number;
  tenants: number;
  variant: string;
  scenario: string;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  cpuMsPerRequest: number;
  rssMb: number;
  failed: number;
  /** Wall-clock bounds of the timed run, to find the server's GC pauses inside it. */
  timed: { from: number; to: number };
  /** Share of the machine's CPU time the hypervisor took away during the timed run (/proc/stat steal), %. */
  stealPercent: number;
  /** The answers ≥ p99 and how many half-second slots of the run they fall in (tailSpread). */
  tail: { count: number; slots: number };
  /** The server's GC pauses inside the timed run (known after the tenant count's heap reading). */
  gc?: { majors: number; longestMs: number };
  /** The row's cold pass: one request to each of the N tenants. */
  cold?: { requestsPerSecond: number; p99: number; failed: number };
}

const CLOCK_TICKS = Number(execFileSync("getconf", ["CLK_TCK"]).toString().trim()) || 100;

/** The server and everything it spawned: `next start` runs in its own process group. */
function groupPids(groupId: number): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const fields = readFileSync(`/proc/${entry}/stat`, "utf8").split(") ")[1]!.split(" ");
      if (Number(fields[2]) === groupId) pids.push(Number(entry));
    } catch {
      // exited meanwhile
    }
  }
  return pids;
}

/** User + system CPU of the group, in ms (fields 14 and 15 of /proc/<pid>/stat). */
function groupCpuMs(groupId: number): number {
  let ticks = 0;
  for (const pid of groupPids(groupId)) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // exited meanwhile
    }
  }
  return (ticks / CLOCK_TICKS) * 1000;
}

/** The machine's CPU ticks (all cores) and those stolen by the hypervisor, from /proc/stat's first line. */
function machineTicks(): { total: number; steal: number } {
  const fields = readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/).slice(1, 9).map(Number);
  return { total: fields.reduce((sum, value) => sum + value, 0), steal: fields[7] ?? 0 };
}

function groupRssMb(groupId: number): number {
  let kb = 0;
  for (const pid of groupPids(groupId)) {
    try {
      kb += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0);
    } catch {
      // exited meanwhile
    }
  }
  return kb / 1024;
}

interface GcSince {
  count: number;
  totalMs: number;
  maxMs: number;
  over50Ms: number;
  majorCount: number;
  majorMaxMs: number;
  pauses: GcPause[];
}
interface GcPause {
  at: number;
  ms: number;
  major: boolean;
}
/** Every pause ≥ 20 ms and every major one the servers reported, per process group. */
const pausesByGroup = new Map<number, GcPause[]>();
type GcTotals = Omit<GcSince, "pauses">;
/** GC since the last takeGcTotals(), per process group (--cpu-prof and --heap-sample read the heap after every row too). */
const gcTotalsByGroup = new Map<number, GcTotals>();
function takeGcTotals(groupId: number): GcTotals {
  const totals = gcTotalsByGroup.get(groupId) ?? { count: 0, totalMs: 0, maxMs: 0, over50Ms: 0, majorCount: 0, majorMaxMs: 0 };
  gcTotalsByGroup.delete(groupId);
  return totals;
}

/**
 * Asks every process of the group for its heap (SIGUSR2, see bench-http-memory.cjs) and sums the answers;
 * their GC since the last reading goes to gcTotalsByGroup and pausesByGroup.
 */
async function groupHeapMb(groupId: number): Promise<{ heapUsedMb: number; heapTotalMb: number; externalMb: number } | null> {
  const asked = Date.now();
  // Only processes that loaded the preload (Next renames its server process, so the command line says little).
  const pids = groupPids(groupId).filter((pid) => readFileSync(`/proc/${pid}/environ`, "utf8").includes("BENCH_HTTP_MEMORY_DIR="));
  for (const pid of pids) process.kill(pid, "SIGUSR2");
  const deadline = Date.now() + 5_000;
  while (Date.now() < deadline) {
    const answered = pids.map((pid) => path.join(MEMORY_DIR, `${pid}.json`)).filter((file) => existsSync(file) && statSync(file).mtimeMs >= asked - 5);
    if (answered.length === pids.length) {
      const usages = answered.map((file) => JSON.parse(readFileSync(file, "utf8")) as NodeJS.MemoryUsage & { gc: GcSince });
      const sum = (key: "heapUsed" | "heapTotal" | "external") => usages.reduce((total, usage) => total + usage[key], 0) / 1024 ** 2;
      const gcSum = (key: Exclude<keyof GcSince, "pauses">) => usages.reduce((total, usage) => total + usage.gc[key], 0);
      const gcMax = (key: Exclude<keyof GcSince, "pauses">) => Math.max(0, ...usages.map((usage) => usage.gc[key]));
      pausesByGroup.set(groupId, [...(pausesByGroup.get(groupId) ?? []), ...usages.flatMap((usage) => usage.gc.pauses)]);
      const before = takeGcTotals(groupId);
      gcTotalsByGroup.set(groupId, {
        count: before.count + gcSum("count"),
        totalMs: before.totalMs + gcSum("totalMs"),
        maxMs: Math.max(before.maxMs, gcMax("maxMs")),
        over50Ms: before.over50Ms + gcSum("over50Ms"),
        majorCount: before.majorCount + gcSum("majorCount"),
        majorMaxMs: Math.max(before.majorMaxMs, gcMax("majorMaxMs")),
      });
      return { heapUsedMb: sum("heapUsed"), heapTotalMb: sum("heapTotal"), externalMb: sum("external") };
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return null;
}

/** Renames the profiles written since the last call (`<pid>-<ms>.cpuprofile` or `.heapprofile`) to `<label>-<pid>.<kind>`: one per timed run. */
function labelNewProfiles(dir: string, label: string): void {
  if (!existsSync(dir)) return;
  for (const file of readdirSync(dir)) {
    const match = /^(\d+)-\d+\.(cpuprofile|heapprofile)$/.exec(file);
    if (match) renameSync(path.join(dir, file), path.join(dir, `${label}-${match[1]}.${match[2]}`));
  }
}

function shuffled<T>(items: T[]): T[] {
  const copy = [...items];
  for (let index = copy.length - 1; index > 0; index--) {
    const other = Math.floor(Math.random() * (index + 1));
    [copy[index], copy[other]] = [copy[other]!, copy[index]!];
  }
  return copy;
}

/** One answer of a timed run: when it came (ms after the run began) and how long it took. */
interface Answer {
  atMs: number;
  ms: number;
}

/**
 * Where a run's slowest answers (≥ its p99) lie in time: how many, and in how many of the run's half-second
 * slots. A stall of the whole server puts them in a few slots; slowness spread over requests, in many.
 */
function tailSpread(answers: Answer[], p99: number): { count: number; slots: number } {
  const slow = answers.filter((answer) => answer.ms >= p99);
  return { count: slow.length, slots: new Set(slow.map((answer) => Math.floor(answer.atMs / 500))).size };
}

/** `seconds` of load, or with `{ amount }` exactly that many requests (the cold pass: one per tenant). */
function load(port: number, scenario: Scenario, tenants: BenchTenant[], length: number | { amount: number }, answers?: Answer[]): Promise<autocannon.Result> {
  const order = shuffled(tenants);
  let next = 0;
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const instance = autocannon({
    url: `http://127.0.0.1:${port}`,
    ...(typeof length === "number" ? { connections: options.connections, duration: length } : { connections: Math.min(options.connections, length.amount), amount: length.amount }),
    timeout: 30,
    requests: [
      {
        method: "GET",
        setupRequest: (request) => {
          const tenant = order[next++ % order.length]!;
          const { path: requestPath, headers } = scenario.request(tenant, port);
          return { ...request, path: requestPath, headers };
        },
      },
    ],
    }, (error: Error | null, result: autocannon.Result) => (error ? reject(error) : resolve(result)));
    if (answers) instance.on("response", (_client, _status, _bytes, responseTime) => answers.push({ atMs: performance.now() - started, ms: responseTime }));
  });
}

async function checkOnce(port: number, scenario: Scenario, tenant: BenchTenant): Promise<void> {
  const { path: requestPath, headers } = scenario.request(tenant, port);
  const status = await statusOf(port, requestPath, headers);
  if (status !== 200) throw new Error(`${scenario.name} for ${tenant.slug} answered ${status}; see ${LOG_FILE}`);
}

function formatTable(rows: Row[]): string {
  const header = ["Round", "Tenants", "Clients", "Scenario", "req/s", "p50 ms", "p99 ms", "CPU ms/req", "steal %", "RSS MB", "non-2xx/errors", "≥ p99: answers, in ½-s slots", "GC in row: major, longest ms", "cold pass req/s", "cold p99 ms"];
  const lines = rows.map((row) => [
    String(row.round),
    row.tenants.toLocaleString("en-US"),
    row.variant,
    row.scenario,
    row.requestsPerSecond.toFixed(0),
    row.p50.toFixed(0),
    row.p99.toFixed(0),
    row.cpuMsPerRequest.toFixed(2),
    row.stealPercent.toFixed(0),
    row.rssMb.toFixed(0),
    String(row.failed + (row.cold?.failed ?? 0)),
    `${row.tail.count}, ${row.tail.slots} of ${options.duration * 2}`,
    row.gc ? `${row.gc.majors}, ${row.gc.longestMs.toFixed(0)}` : "…",
    row.cold ? row.cold.requestsPerSecond.toFixed(0) : "–",
    row.cold ? row.cold.p99.toFixed(0) : "–",
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...lines.map((line) => line[column]!.length)));
  const format = (cells: string[]) => `| ${cells.map((cell, column) => (column === 2 || column === 3 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join(" | ")} |`;
  return [format(header), `| ${widths.map((width) => "-".repeat(width)).join(" | ")} |`, ...lines.map(format)].join("\n");
}

/** What --keep writes: enough to start servers on the same database and tenants again. */
interface KeptBench {
  database: { url: string; serverVersion: string; where: string };
  env: Record<string, string>;
  tenants: BenchTenant[];
}
const KEPT_ENV = ["APP_DB_ROLE", "APP_DB_PASSWORD", "PLATFORM_DB_ROLE", "PLATFORM_DB_PASSWORD", "AUTH_SECRET"] as const;

function keepBench(file: string, database: KeptBench["database"], tenants: BenchTenant[]): void {
  const kept: KeptBench = {
    database: { url: database.url, serverVersion: database.serverVersion, where: database.where },
    env: Object.fromEntries(KEPT_ENV.map((name) => [name, process.env[name]!])),
    tenants,
  };
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  writeFileSync(`${file}.tmp`, JSON.stringify(kept), { mode: 0o600 });
  renameSync(`${file}.tmp`, file);
}

async function main(): Promise<void> {
  ensureProductionBuild(options.build);
  rmSync(DATA_DIR, { recursive: true, force: true });
  mkdirSync(MEMORY_DIR, { recursive: true });

  if (options.keep && !options.serverUrl) throw new Error("--keep needs --server-url (an embedded server is deleted when the bench stops)");
  const kept = options.keep && existsSync(options.keep) ? (JSON.parse(readFileSync(options.keep, "utf8")) as KeptBench) : undefined;
  const database = kept ? { ...kept.database, drop: async () => undefined } : await startBenchDatabase(options.serverUrl);
  const { appRole } = configureBenchEnv(database.url, 8);
  if (kept) Object.assign(process.env, kept.env);
  const keptRole = kept?.env.APP_DB_ROLE ?? appRole;
  if (options.keep && !kept) database.drop = async () => undefined;
  const servers: Array<BenchServer & { variant: string; log: string }> = [];
  try {
    const { migrateAll } = await import("@/lib/db/migrator");
    await migrateAll();

    const flags = (value?: string) => value?.split(/\s+/).filter(Boolean) ?? [];
    const variants: Array<{ variant: string; env: Record<string, string>; nodeArgs: string[]; log: string }> = [{ variant: "one", env: {}, nodeArgs: [], log: LOG_FILE }];
    if (options.comparePerTenantClients) variants.push({ variant: "per-tenant", env: { TENANT_DB_CLIENTS: "per-tenant" }, nodeArgs: [], log: path.join(DATA_DIR, "next-per-tenant.log") });
    if (options.compareNodeOptions) variants.push({ variant: "node-options", env: {}, nodeArgs: flags(options.compareNodeOptions), log: path.join(DATA_DIR, "next-node-options.log") });
    for (const { variant, env, nodeArgs, log } of variants) {
      const server = await startBenchServer({
        database,
        appRole: keptRole,
        dataDir: path.join(DATA_DIR, variant),
        logFile: log,
        redisUrl: options.redisUrl,
        extraEnv: {
          ...env,
          BENCH_HTTP_MEMORY_DIR: MEMORY_DIR,
          NODE_OPTIONS: [process.env.NODE_OPTIONS, `--require ${path.resolve("scripts/bench-http-memory.cjs")}`].filter(Boolean).join(" "),
          ...(options.cpuProf ? { BENCH_HTTP_CPU_PROFILE_DIR: path.join(DATA_DIR, "profiles", variant) } : {}),
          ...(options.heapSample ? { BENCH_HTTP_HEAP_SAMPLE_DIR: path.join(DATA_DIR, "heap", variant) } : {}),
        },
        nodeArgs: [...flags(options.nodeFlags), ...nodeArgs],
      });
      servers.push({ ...server, variant, log });
    }

    console.log(
      [
        "Asset Anchor HTTP benchmark",
        ...machineDescription(database),
        `Load:     autocannon, ${options.connections} connections, ${options.warmPass ? "a pass over all N tenants + " : ""}${options.warmup} s warm-up + ${options.duration} s per row`,
        options.warmPass
          ? "Rows:     the steady state of N active tenants: before each row every tenant gets one untimed request (the cold pass: its\n" +
            "          own req/s and p99 in the last columns, what a tenant's first request of that kind costs after a restart)"
          : "Rows:     no cold pass (--no-warm-pass): the timed run mixes tenants' first and repeat requests",
        "",
      ].join("\n"),
    );
    const provisioned: BenchTenant[] = kept ? await Promise.all(kept.tenants.map(withFreshToken)) : [];
    const rows: Row[] = [];
    const memory: string[] = [];
    const sequence = Array.from({ length: Math.max(1, options.rounds) }, (_unused, index) => options.tenants.map((count) => ({ round: index + 1, count }))).flat();
    for (const { round, count } of sequence) {
      if (options.rounds > 1) console.log(`Round ${round} of ${options.rounds}, ${count.toLocaleString("en-US")} tenants`);
      const started = performance.now();
      const from = provisioned.length;
      const added = await runTimed(Math.max(0, count - from), 4, async (offset) => {
        provisioned.push(await provisionBenchTenant(`bench-${from + offset}`, "enterprise", options.properties));
      });
      if (added.length > 0 || round === 1) console.log(`Provisioned ${added.length} tenants (now ${provisioned.length}) × ${options.properties} properties in ${((performance.now() - started) / 1000).toFixed(1)} s`);
      if (options.keep && added.length > 0) keepBench(options.keep, database, provisioned);
      const tenants = provisioned.slice(0, count);

      for (const scenario of SCENARIOS.filter((_scenario, index) => options.scenarios.includes(index))) {
        for (const { variant, port, groupId } of servers) {
          await checkOnce(port, scenario, tenants[0]!);
          let cold: Row["cold"];
          // (0) names no tenant: nothing to warm.
          if (options.warmPass && scenario !== SCENARIOS[0]) {
            const passStarted = performance.now();
            const pass = await load(port, scenario, tenants, { amount: tenants.length });
            const passSeconds = (performance.now() - passStarted) / 1000;
            cold = { requestsPerSecond: pass.requests.total / passSeconds, p99: pass.latency.p99, failed: pass.non2xx + pass.errors + pass.timeouts };
          }
          if (options.warmup > 0) await load(port, scenario, tenants, options.warmup);
          // With --cpu-prof, each signal writes the profile since the previous one: this one ends the warm-up's.
          const profiles = path.join(DATA_DIR, "profiles", variant);
          const label = `${count}-tenants-${scenario.name.slice(1, 2)}`;
          const heapProfiles = path.join(DATA_DIR, "heap", variant);
          if (options.cpuProf || options.heapSample) {
            await groupHeapMb(groupId);
            labelNewProfiles(profiles, `${label}-warmup`);
            labelNewProfiles(heapProfiles, `${label}-warmup`);
          }
          const cpuBefore = groupCpuMs(groupId);
          const ticksBefore = machineTicks();
          const timedFrom = Date.now();
          const answers: Answer[] = [];
          const result = await load(port, scenario, tenants, options.duration, answers);
          const timed = { from: timedFrom, to: Date.now() };
          const cpuAfter = groupCpuMs(groupId);
          const ticksAfter = machineTicks();
          if (options.cpuProf || options.heapSample) {
            await groupHeapMb(groupId);
            labelNewProfiles(profiles, label);
            labelNewProfiles(heapProfiles, label);
          }
          const completed = result.requests.total;
          rows.push({
            round,
            tenants: count,
            variant,
            scenario: scenario.name,
            requestsPerSecond: completed / options.duration,
            p50: result.latency.p50,
            p99: result.latency.p99,
            cpuMsPerRequest: completed > 0 ? (cpuAfter - cpuBefore) / completed : Number.NaN,
            rssMb: groupRssMb(groupId),
            failed: result.non2xx + result.errors + result.timeouts,
            timed,
            tail: tailSpread(answers, result.latency.p99),
            stealPercent: ((ticksAfter.steal - ticksBefore.steal) / Math.max(1, ticksAfter.total - ticksBefore.total)) * 100,
            cold,
          });
          console.log(formatTable(rows.slice(-1)).split("\n").at(-1));
        }
      }
      for (const { variant, groupId } of servers) {
        const heap = await groupHeapMb(groupId);
        const gc = takeGcTotals(groupId);
        for (const row of rows.filter((candidate) => candidate.round === round && candidate.tenants === count && candidate.variant === variant)) {
          const inside = (pausesByGroup.get(groupId) ?? []).filter((pause) => pause.at + pause.ms >= row.timed.from && pause.at <= row.timed.to);
          row.gc = { majors: inside.filter((pause) => pause.major).length, longestMs: Math.max(0, ...inside.map((pause) => pause.ms)) };
        }
        memory.push(
          `  ${options.rounds > 1 ? `round ${round}, ` : ""}${count.toLocaleString("en-US").padStart(6)} tenants, ${variant.padEnd(10)}: RSS ${groupRssMb(groupId).toFixed(0)} MB, ` +
            (heap
              ? `heap used after a full GC ${heap.heapUsedMb.toFixed(0)} MB of ${heap.heapTotalMb.toFixed(0)} MB, external ${heap.externalMb.toFixed(0)} MB; ` +
                `GC during this tenant count: ${gc.count} pauses, ${gc.totalMs.toFixed(0)} ms in all, longest ${gc.maxMs.toFixed(1)} ms, ${gc.over50Ms} ≥ 50 ms, ` +
                `${gc.majorCount} major (longest ${gc.majorMaxMs.toFixed(1)} ms)`
              : "heap: no answer"),
        );
      }
    }

    console.log(`\n${formatTable(rows)}\n`);
    const median = (values: number[]) => {
      const sorted = [...values].sort((a, b) => a - b);
      const middle = Math.floor(sorted.length / 2);
      return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
    };
    const rounds = Math.max(1, options.rounds);
    const smallest = options.tenants[0]!;
    const largest = options.tenants.at(-1)!;
    for (const { variant } of servers) {
      const at = (round: number, count: number, prefix: string) => rows.find((row) => row.round === round && row.tenants === count && row.variant === variant && row.scenario.startsWith(prefix));
      const roundsOf = (count: number, prefix: string) => Array.from({ length: rounds }, (_unused, index) => at(index + 1, count, prefix)).filter((row): row is Row => row !== undefined);
      for (const count of options.tenants) {
        const ratios = roundsOf(count, "(1)").flatMap((api) => {
          const floor = at(api.round, count, "(0)");
          return floor ? [api.requestsPerSecond / floor.requestsPerSecond] : [];
        });
        if (ratios.length > 0) console.log(`${variant}: ${count.toLocaleString("en-US")} tenants: throughput (1)/(0) = ${ratios.map((ratio) => ratio.toFixed(2)).join(", ")}${rounds > 1 ? ` (median ${median(ratios).toFixed(2)})` : ""} (goal ≥ 0.5)`);
      }
      if (largest === smallest) continue;
      for (const prefix of ["(1)", "(2)", "(3)"]) {
        const low = roundsOf(smallest, prefix);
        const high = roundsOf(largest, prefix);
        if (low.length === 0 || high.length === 0) continue;
        const ratios = high.flatMap((row) => {
          const pair = low.find((candidate) => candidate.round === row.round);
          return pair ? [row.p99 / pair.p99] : [];
        });
        const ofMedians = median(high.map((row) => row.p99)) / median(low.map((row) => row.p99));
        console.log(
          `${variant}: ${prefix} p99(${largest.toLocaleString("en-US")}) / p99(${smallest.toLocaleString("en-US")}) = ${ratios.map((ratio) => ratio.toFixed(2)).join(", ")}` +
            (rounds > 1 ? ` per round; median p99 ${median(high.map((row) => row.p99)).toFixed(0)} / ${median(low.map((row) => row.p99)).toFixed(0)} ms = ${ofMedians.toFixed(2)}` : "") +
            " (goal ≤ 1.2)",
        );
      }
    }
    console.log(`Server memory after each tenant count (whole process group):\n${memory.join("\n")}`);
    if (rows.some((row) => row.failed + (row.cold?.failed ?? 0) > 0)) {
      console.log(`Some requests failed (non-2xx, errors or timeouts); see ${servers.map((server) => server.log).join(", ")}`);
      process.exitCode = 1;
    }
  } finally {
    for (const { server, stopS3 } of servers) {
      await stopProcessGroup(server);
      await stopS3();
    }
    await closeLibConnections();
    await database.drop();
    if (options.serverUrl && !options.keep) await dropBenchRole(options.serverUrl, keptRole);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error) : error);
  process.exit(1);
});
