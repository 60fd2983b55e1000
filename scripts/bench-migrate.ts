import { cp, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Command } from "commander";
import {
  closeLibConnections,
  configureBenchEnv,
  dropBenchRole,
  formatSeconds,
  machineDescription,
  measureOrCompareDurability,
  parsePositiveInt,
  reportFigures,
  runTimed,
  startBenchDatabase,
} from "./bench-support";

// npm run bench:migrate -- [--tenants 500] [--concurrency 4] [--server-url postgres://...]
// Provisions tenants, adds one trivial tenant migration and times migrateAll over every schema.

const GOAL_SCHEMAS = 10_000;
const GOAL_SECONDS = 5 * 60;
const BENCH_MIGRATION = "ALTER TABLE properties ADD COLUMN bench_note text;\n";

const options = new Command("bench:migrate")
  .option("--tenants <n>", "tenant schemas to migrate", parsePositiveInt, 500)
  .option("--concurrency <n>", "migrateAll concurrency", parsePositiveInt, 4)
  .option("--provision-concurrency <n>", "provisions in flight while setting up", parsePositiveInt, 4)
  .option("--server-url <url>", "use this PostgreSQL server (CREATEDB role) instead of an embedded one")
  .option("--durable", "run twice, on an embedded server with fsync off and on one with durable commits, and print both side by side", false)
  .parse()
  .opts<{ tenants: number; concurrency: number; provisionConcurrency: number; serverUrl?: string; durable: boolean }>();

await measureOrCompareDurability("bench:migrate", options, measure);

async function measure(): Promise<void> {
  const database = await startBenchDatabase(options.serverUrl);
  const { appRole } = configureBenchEnv(database.url, Math.max(options.concurrency, options.provisionConcurrency) + 2);
  const migrationsRoot = await mkdtemp(path.join(os.tmpdir(), "anchor-bench-migrations-"));
  let failed = false;
  try {
    const { migrateAll, migrateShared } = await import("@/lib/db/migrator");
    const { provisionTenant } = await import("@/lib/tenants/provision-tenant");
    await migrateShared();

    const provisionStarted = performance.now();
    await runTimed(options.tenants, options.provisionConcurrency, async (index) => {
      const slug = `bench-${index}`;
      await provisionTenant({ name: `Bench ${slug}`, slug, adminEmail: `owner@${slug}.test` }, { sendWelcome: false });
    });
    const provisionElapsed = performance.now() - provisionStarted;

    await cp("prisma/migrations", migrationsRoot, { recursive: true });
    await writeFile(path.join(migrationsRoot, "tenant", "9000_bench_note.sql"), BENCH_MIGRATION);

    const migrateStarted = performance.now();
    const summary = await migrateAll({ migrationsRoot, concurrency: options.concurrency });
    const migrateElapsed = performance.now() - migrateStarted;

    const noopStarted = performance.now();
    const noop = await migrateAll({ migrationsRoot, concurrency: options.concurrency });
    const noopElapsed = performance.now() - noopStarted;

    const rate = (summary.tenants.migrated / migrateElapsed) * 1000;
    console.log(["Asset Anchor tenant migration benchmark", ...machineDescription(database), ""].join("\n"));
    console.log(`Setup: provisioned ${options.tenants} tenants in ${formatSeconds(provisionElapsed)} (concurrency ${options.provisionConcurrency})`);
    console.log(
      `Migration "${BENCH_MIGRATION.trim()}": ${summary.tenants.migrated}/${summary.tenants.total} schemas in ${formatSeconds(migrateElapsed)}` +
        ` at concurrency ${options.concurrency}: ${rate.toFixed(1)} schemas/s (${summary.tenants.failed.length} failed)`,
    );
    console.log(`Re-run with nothing pending: ${noop.tenants.upToDate} up to date in ${formatSeconds(noopElapsed)}`);
    console.log(`Goal: ${GOAL_SCHEMAS} schemas in < ${GOAL_SECONDS} s; at this rate ${GOAL_SCHEMAS} take about ${(GOAL_SCHEMAS / rate).toFixed(0)} s`);
    reportFigures([
      { label: `Provision ${options.tenants} tenants (setup, concurrency ${options.provisionConcurrency})`, value: formatSeconds(provisionElapsed) },
      { label: `Migrate ${summary.tenants.total} schemas, one additive migration (concurrency ${options.concurrency})`, value: `${formatSeconds(migrateElapsed)}, ${rate.toFixed(1)} schemas/s` },
      { label: "Re-run, nothing pending", value: formatSeconds(noopElapsed) },
      { label: `Projected ${GOAL_SCHEMAS} schemas (goal < ${GOAL_SECONDS} s)`, value: `${(GOAL_SCHEMAS / rate).toFixed(0)} s` },
      { label: "Failed", value: String(summary.tenants.failed.length) },
    ]);
    for (const failure of summary.tenants.failed.slice(0, 5)) console.error(`${failure.schema} failed: ${failure.error}`);
    failed = summary.tenants.failed.length > 0 || summary.tenants.migrated !== options.tenants;
  } finally {
    await rm(migrationsRoot, { recursive: true, force: true });
    await closeLibConnections();
    await database.drop();
    if (options.serverUrl) await dropBenchRole(options.serverUrl, appRole);
  }
  if (failed) process.exitCode = 1;
}
