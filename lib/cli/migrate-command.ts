import cliProgress from "cli-progress";
import { InvalidArgumentError, type Command } from "commander";
import { migrateAll, type MigrationSummary } from "@/lib/db/migrator";
import { recordJobRun } from "@/lib/jobs/record-job-run";
import { EXIT_OK, EXIT_PARTIAL_FAILURE, type CliOutput } from "./output";
import type { OutputFor } from "./tenant-commands";

export const MAX_MIGRATE_CONCURRENCY = 64;

function parseConcurrency(value: string): number {
  const concurrency = Number(value);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > MAX_MIGRATE_CONCURRENCY) {
    throw new InvalidArgumentError(`must be a whole number from 1 to ${MAX_MIGRATE_CONCURRENCY}`);
  }
  return concurrency;
}

export function formatMigrationSummary(summary: MigrationSummary): string {
  const { tenants } = summary;
  const lines = [
    summary.shared.applied.length > 0
      ? `Shared schema: applied ${summary.shared.applied.join(", ")}`
      : "Shared schema: up to date",
    `Tenant schemas: ${tenants.total} total, ${tenants.migrated} migrated, ${tenants.upToDate} up to date, ${tenants.failed.length} failed` +
      ` (${summary.appliedTenantMigrations} ${summary.appliedTenantMigrations === 1 ? "migration" : "migrations"} applied)`,
  ];
  for (const failure of tenants.failed) lines.push(`  FAILED ${failure.schema} (tenant ${failure.tenantId}): ${failure.error}`);
  return lines.join("\n");
}

/** Draws a bar on stderr while tenants migrate; only on an interactive terminal and never with --json. */
function progressReporter(output: CliOutput): { onTenantDone?: (done: number, total: number) => void; stop: () => void } {
  const stream = output.progressStream;
  if (!stream) return { stop: () => undefined };
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: "Tenant schemas [{bar}] {value}/{total} | {percentage}% | ETA {eta_formatted}",
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    onTenantDone(done, total) {
      if (total === 0) return;
      if (!started) {
        bar.start(total, done);
        started = true;
      } else bar.update(done);
    },
    stop: () => {
      if (started) bar.stop();
    },
  };
}

export async function runMigrate(options: { concurrency: number }, output: CliOutput): Promise<number> {
  const progress = progressReporter(output);
  let summary: MigrationSummary;
  const startedAt = new Date();
  try {
    summary = await migrateAll({ concurrency: options.concurrency, onTenantDone: progress.onTenantDone });
  } finally {
    progress.stop();
  }
  // The key metrics' "schema migration time" (lib/health/key-metrics.ts).
  await recordJobRun("migrate", { startedAt, durationMs: Date.now() - startedAt.getTime(), outcome: summary.tenants.failed.length > 0 ? "failed" : "succeeded" });
  output.result(summary, () => formatMigrationSummary(summary));
  return summary.tenants.failed.length > 0 ? EXIT_PARTIAL_FAILURE : EXIT_OK;
}

export function registerMigrateCommand(program: Command, outputFor: OutputFor, setExitCode: (code: number) => void): void {
  program
    .command("migrate")
    .description("Apply pending migrations to the shared schema, then to every tenant schema")
    .option("--concurrency <n>", "tenant schemas migrated at once (bounded by DB_POOL_MAX - 1 connections)", parseConcurrency, 4)
    .action(async (options: { concurrency: number }, command: Command) => {
      setExitCode(await runMigrate(options, outputFor(command)));
    });
}
