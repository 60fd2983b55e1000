import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { startEmbeddedPostgres } from "@/lib/dev/embedded-postgres";

// Shared by scripts/bench-provision.ts and scripts/bench-migrate.ts. Imports no module that reads
// env() or creates the logger: those are imported only after configureBenchEnv().

export interface BenchDatabase {
  url: string;
  serverVersion: string;
  where: string;
  drop: () => Promise<void>;
}

/** fsync-off: the embedded server's default (fast, not crash-safe); durable: fsync, synchronous_commit and full_page_writes on. */
export type Durability = "fsync-off" | "durable";

/** Set by runDurabilityModes() for the child run of each mode. */
export function durabilityOfThisRun(): Durability {
  return process.env.BENCH_DURABILITY === "durable" ? "durable" : "fsync-off";
}

/**
 * A throwaway database: by default an embedded PostgreSQL in .data/bench/postgres-<pid>, deleted on
 * stop (fsync off unless `durability` is "durable"); with `serverUrl` (a superuser or CREATEDB URL), a
 * fresh `anchor_bench_<hex>` database on that server, dropped at the end.
 */
export async function startBenchDatabase(serverUrl: string | undefined, durability: Durability = durabilityOfThisRun()): Promise<BenchDatabase> {
  if (!serverUrl) {
    const server = await startEmbeddedPostgres({
      // One data dir per run: a second bench started meanwhile must not wipe this one.
      dataDir: `.data/bench/postgres-${process.pid}`,
      password: randomBytes(12).toString("hex"),
      database: "anchor_bench",
      persistent: false,
      durable: durability === "durable",
    });
    return {
      url: server.url,
      serverVersion: await serverVersionOf(server.url),
      where: `embedded PostgreSQL (${durability === "durable" ? "durable: " : ""}${await durabilitySettingsOf(server.url)}; max_connections=200)`,
      drop: server.stop,
    };
  }
  const databaseName = `anchor_bench_${randomBytes(6).toString("hex")}`;
  await withClient(serverUrl, (client) => client.query(`CREATE DATABASE ${databaseName}`));
  const url = new URL(serverUrl);
  url.pathname = `/${databaseName}`;
  return {
    url: url.toString(),
    serverVersion: await serverVersionOf(serverUrl),
    where: `database ${databaseName} on ${url.host} (${await durabilitySettingsOf(serverUrl)})`,
    drop: () => withClient(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${databaseName} WITH (FORCE)`)).then(() => undefined),
  };
}

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** What the server really runs with, read back rather than assumed from the flags. */
async function durabilitySettingsOf(url: string): Promise<string> {
  const names = ["fsync", "synchronous_commit", "full_page_writes"];
  const { rows } = await withClient(url, (client) => client.query<{ name: string; setting: string }>("SELECT name, setting FROM pg_settings WHERE name = ANY($1)", [names]));
  return names.map((name) => `${name}=${rows.find((row) => row.name === name)?.setting ?? "?"}`).join(", ");
}

async function serverVersionOf(url: string): Promise<string> {
  const { rows } = await withClient(url, (client) => client.query<{ server_version: string }>("SHOW server_version"));
  return rows[0]!.server_version;
}

/** Points env() at the bench database. A role of its own, so a shared server's real app role is untouched. */
export function configureBenchEnv(databaseUrl: string, poolSize: number): { appRole: string } {
  const suffix = randomBytes(4).toString("hex");
  const appRole = `anchor_bench_app_${suffix}`;
  Object.assign(process.env, {
    DATABASE_URL: databaseUrl,
    APP_DB_ROLE: appRole,
    APP_DB_PASSWORD: randomBytes(12).toString("hex"),
    PLATFORM_DB_ROLE: `anchor_bench_platform_${suffix}`,
    PLATFORM_DB_PASSWORD: randomBytes(12).toString("hex"),
    DB_POOL_MAX: String(poolSize),
    MAIL_OUTBOX_DIR: ".data/bench/outbox",
    LOG_LEVEL: "silent",
    MIGRATIONS_DIR: "prisma/migrations",
    // Tokens signed here must verify in a server started later (scripts/bench-server.ts).
    AUTH_SECRET: randomBytes(32).toString("base64url"),
  });
  delete process.env.APP_DATABASE_URL;
  delete process.env.PLATFORM_DATABASE_URL;
  delete process.env.SMTP_URL;
  return { appRole };
}

/** Roles are cluster-wide, so the bench's own role outlives its database unless dropped. */
export async function dropBenchRole(serverUrl: string, appRole: string): Promise<void> {
  await withClient(serverUrl, (client) => client.query(`DROP ROLE IF EXISTS ${appRole}`));
  await withClient(serverUrl, (client) => client.query(`DROP ROLE IF EXISTS ${appRole.replace("_app_", "_platform_")}`));
}

export function machineDescription(database: BenchDatabase): string[] {
  const cpus = os.cpus();
  return [
    `Date:     ${new Date().toISOString()}`,
    `CPU:      ${cpus[0]?.model ?? "unknown"} (${os.availableParallelism()} cores available, ${cpus.length} reported)`,
    `Memory:   ${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB`,
    `Node:     ${process.version} on ${os.platform()} ${os.release()}`,
    `Postgres: ${database.serverVersion}, ${database.where}`,
  ];
}

export function percentile(sortedValues: number[], fraction: number): number {
  if (sortedValues.length === 0) return Number.NaN;
  const index = Math.min(sortedValues.length - 1, Math.ceil(fraction * sortedValues.length) - 1);
  return sortedValues[Math.max(0, index)]!;
}

/** Runs `task(0..count-1)` with at most `concurrency` in flight; returns each one's duration in ms. */
export async function runTimed(count: number, concurrency: number, task: (index: number) => Promise<void>): Promise<number[]> {
  const durations: number[] = [];
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const index = next++;
      const started = performance.now();
      await task(index);
      durations.push(performance.now() - started);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return durations;
}

export function parsePositiveInt(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1) throw new Error(`expected a whole number of at least 1, got "${value}"`);
  return parsed;
}

export function formatSeconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** Closes what the lib modules opened; import only after configureBenchEnv(). */
export async function closeLibConnections(): Promise<void> {
  const { stopTenantCacheListener } = await import("@/lib/tenancy/tenant-cache");
  const { disconnectSharedDb } = await import("@/lib/db/shared-client");
  const { closePools } = await import("@/lib/db/pools");
  await stopTenantCacheListener();
  await disconnectSharedDb();
  await closePools();
}

export interface Figure {
  label: string;
  value: string;
}

/** In a child run of runDurabilityModes(), hands this run's figures to the parent. */
export function reportFigures(figures: Figure[]): void {
  if (process.env.BENCH_FIGURES_FILE) writeFileSync(process.env.BENCH_FIGURES_FILE, JSON.stringify(figures));
}

/**
 * `--durable`: runs this bench twice, one after the other, each in a process of its own (the lib modules
 * keep their env and pools per process) — on an embedded server with fsync off, then on one with durable
 * commits — and prints the figures of both side by side. Returns whether both runs succeeded.
 */
function runDurabilityModes(title: string, argv: string[]): boolean {
  const script = process.argv[1]!;
  const results: { mode: Durability; figures: Figure[]; ok: boolean }[] = [];
  for (const mode of ["fsync-off", "durable"] as const) {
    const figuresFile = path.join(os.tmpdir(), `anchor-bench-figures-${process.pid}-${mode}.json`);
    rmSync(figuresFile, { force: true });
    console.log(`\n=== ${mode === "durable" ? "durable (fsync=on, synchronous_commit=on, full_page_writes=on)" : "fsync=off"} ===`);
    const child = spawnSync(process.execPath, [...process.execArgv, script, ...argv.filter((arg) => arg !== "--durable")], {
      stdio: "inherit",
      env: { ...process.env, BENCH_DURABILITY: mode, BENCH_FIGURES_FILE: figuresFile },
    });
    let figures: Figure[] = [];
    try {
      figures = JSON.parse(readFileSync(figuresFile, "utf8")) as Figure[];
    } catch {
      // the run failed before reporting; its output says why
    }
    rmSync(figuresFile, { force: true });
    results.push({ mode, figures, ok: child.status === 0 });
  }
  const labels = [...new Set(results.flatMap((result) => result.figures.map((figure) => figure.label)))];
  const valueOf = (mode: Durability, label: string) => results.find((result) => result.mode === mode)?.figures.find((figure) => figure.label === label)?.value ?? "—";
  console.log(`\n${title}: embedded PostgreSQL with fsync off vs durable commits, same options, one after the other`);
  console.log("| Figure | fsync=off | durable (fsync, synchronous_commit, full_page_writes on) |");
  console.log("| --- | --- | --- |");
  for (const label of labels) console.log(`| ${label} | ${valueOf("fsync-off", label)} | ${valueOf("durable", label)} |`);
  return results.every((result) => result.ok);
}

/** A bench's entry: `measure()` once, or with `--durable` both modes side by side (embedded servers only). */
export async function measureOrCompareDurability(title: string, options: { durable: boolean; serverUrl?: string }, measure: () => Promise<void>): Promise<void> {
  if (!options.durable) return measure();
  if (options.serverUrl) {
    console.error("--durable compares two embedded servers; a --server-url server runs with its own settings");
    process.exit(1);
  }
  if (!runDurabilityModes(title, process.argv.slice(2))) process.exitCode = 1;
}
