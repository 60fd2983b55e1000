import { Command } from "commander";
import {
  closeLibConnections,
  configureBenchEnv,
  dropBenchRole,
  formatSeconds,
  machineDescription,
  measureOrCompareDurability,
  parsePositiveInt,
  percentile,
  reportFigures,
  runTimed,
  startBenchDatabase,
} from "./bench-support";

// npm run bench:provision -- --tenants 200 [--concurrency 4] [--server-url postgres://...]
// Provisions tenants into a throwaway database and prints tenants/second and per-tenant latency.

const GOAL_TENANTS = 1_000;
const GOAL_SECONDS = 60;

const options = new Command("bench:provision")
  .option("--tenants <n>", "tenants to provision", parsePositiveInt, 200)
  .option("--concurrency <n>", "provisions in flight at once", parsePositiveInt, 4)
  .option("--server-url <url>", "use this PostgreSQL server (CREATEDB role) instead of an embedded one")
  .option("--durable", "run twice, on an embedded server with fsync off and on one with durable commits, and print both side by side", false)
  .parse()
  .opts<{ tenants: number; concurrency: number; serverUrl?: string; durable: boolean }>();

await measureOrCompareDurability("bench:provision", options, measure);

async function measure(): Promise<void> {
  const database = await startBenchDatabase(options.serverUrl);
  const { appRole } = configureBenchEnv(database.url, options.concurrency + 2);
  let failures = 0;
  try {
    const { migrateShared } = await import("@/lib/db/migrator");
    const { provisionTenant } = await import("@/lib/tenants/provision-tenant");
    await migrateShared();
    const provision = (slug: string) =>
      provisionTenant({ name: `Bench ${slug}`, slug, adminEmail: `owner@${slug}.test` }, { sendWelcome: false }).then(() => undefined);
    // Warm-up (module and Prisma start-up, first connections); not counted.
    await provision("bench-warmup");

    const started = performance.now();
    const durations = await runTimed(options.tenants, options.concurrency, (index) =>
      provision(`bench-${index}`).catch((error: unknown) => {
        failures++;
        if (failures <= 5) console.error(`bench-${index} failed: ${(error as Error).message}`);
      }),
    );
    const elapsed = performance.now() - started;
    const sorted = durations.sort((a, b) => a - b);
    const rate = (options.tenants / elapsed) * 1000;

    console.log(["Asset Anchor provisioning benchmark", ...machineDescription(database), ""].join("\n"));
    console.log(`Provisioned ${options.tenants - failures}/${options.tenants} tenants in ${formatSeconds(elapsed)} at concurrency ${options.concurrency}: ${rate.toFixed(1)} tenants/s`);
    console.log(`Per tenant: p50 ${percentile(sorted, 0.5).toFixed(0)} ms, p95 ${percentile(sorted, 0.95).toFixed(0)} ms, max ${sorted.at(-1)?.toFixed(0)} ms`);
    const projected = (GOAL_TENANTS / rate).toFixed(0);
    console.log(`Goal: ${GOAL_TENANTS} tenants in < ${GOAL_SECONDS} s; at this rate ${GOAL_TENANTS} take about ${projected} s`);
    reportFigures([
      { label: `Provision ${options.tenants} tenants (concurrency ${options.concurrency})`, value: `${formatSeconds(elapsed)}, ${rate.toFixed(1)} tenants/s` },
      { label: "Per tenant p50 / p95", value: `${percentile(sorted, 0.5).toFixed(0)} ms / ${percentile(sorted, 0.95).toFixed(0)} ms` },
      { label: `Projected ${GOAL_TENANTS} tenants (goal < ${GOAL_SECONDS} s)`, value: `${projected} s` },
      { label: "Failed", value: String(failures) },
    ]);
  } finally {
    await closeLibConnections();
    await database.drop();
    if (options.serverUrl) await dropBenchRole(options.serverUrl, appRole);
  }
  if (failures > 0) process.exitCode = 1;
}
