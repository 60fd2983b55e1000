import cliProgress from "cli-progress";
import type { Command } from "commander";
import { createBackup, type BackupProgress } from "@/lib/backups/create-backup";
import { deleteBackup, findBackup, listBackups } from "@/lib/backups/find-backup";
import { summarize, type BackupSummary } from "@/lib/backups/manifest";
import { restoreBackup, type RestoreResult } from "@/lib/backups/restore-backup";
import { takeBaseBackup } from "@/lib/backups/pitr/base-backup";
import { restoreToTime } from "@/lib/backups/pitr/restore-to-time";
import { pruneBackups, runDueBackups } from "@/lib/backups/scheduled-backups";
import { verifyBackup } from "@/lib/backups/verify-backup";
import { AppError } from "@/lib/errors/app-error";
import { InvalidArgumentError } from "commander";
import { EXIT_ERROR, EXIT_PARTIAL_FAILURE, formatFields, formatTable, type CliOutput } from "./output";
import type { OutputFor } from "./tenant-commands";

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** A byte-count bar on stderr; only on an interactive terminal and never with --json. */
export function byteProgress(output: CliOutput, label: string): { update: (progress: { done: number; total: number }) => void; stop: () => void } {
  const stream = output.progressStream;
  if (!stream) return { update: () => undefined, stop: () => undefined };
  const bar = new cliProgress.SingleBar(
    { stream, format: `${label} [{bar}] {percentage}% | {done} of {all} | ETA {eta_formatted}`, hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update({ done, total }) {
      const payload = { done: megabytes(done), all: megabytes(total) };
      if (!started) {
        bar.start(Math.max(total, 1), done, payload);
        started = true;
      } else {
        bar.setTotal(Math.max(total, 1));
        bar.update(done, payload);
      }
    },
    stop: () => {
      if (started) bar.stop();
    },
  };
}

function parseTableList(value: string): string[] {
  return value.split(",").map((name) => name.trim()).filter(Boolean);
}

export function formatRestore(result: RestoreResult): string {
  const lines = [`Restored ${result.backup} onto ${result.tenant.slug} (${result.mode}).`];
  if (result.migratedForward.length > 0) lines.push(`  migrated forward: ${result.migratedForward.join(", ")}`);
  for (const [name, rows] of Object.entries(result.tables)) lines.push(`  ${name}: ${rows} rows`);
  if (result.files) lines.push(`  files: ${result.files.restored} restored, ${result.files.unchanged} unchanged, ${result.files.removed} removed`);
  return lines.join("\n");
}

function summaryFields(summary: BackupSummary): string {
  return [
    formatFields([
      ["id", summary.id],
      ["tenant", `${summary.tenant.slug} (${summary.tenant.id})`],
      ["kind", summary.kind],
      ["created", summary.createdAt],
      ["schema version", summary.schemaVersion],
      ["files", String(summary.files)],
      ["size", megabytes(summary.bytes)],
    ]),
    formatTable(["TABLE", "ROWS"], Object.entries(summary.tables).map(([name, rows]) => [name, String(rows)])),
  ].join("\n");
}

export function registerBackupCommands(program: Command, outputFor: OutputFor, setExitCode: (code: number) => void): void {
  const backups = program.command("backups").description("Per-tenant backups: create, list, verify, restore, prune");

  backups
    .command("create")
    .description("Back up one tenant (its schema, its rows in shared tables, its files) into the backup store")
    .argument("<slug>")
    .action(async (slug: string, _options: object, command: Command) => {
      const output = outputFor(command);
      const progress = byteProgress(output, "Backup");
      let summary: BackupSummary;
      try {
        ({ summary } = await createBackup(slug, { onProgress: (state: BackupProgress) => progress.update(state) }));
        // The total was an estimate (sizes on disk): end the bar at what was actually written.
        progress.update({ done: summary.bytes, total: summary.bytes });
      } finally {
        progress.stop();
      }
      output.result(summary, () => `Backed up ${summary.tenant.slug} as ${summary.id}\n${summaryFields(summary)}`);
    });

  backups
    .command("list")
    .description("List a tenant's complete backups, newest first")
    .argument("<slug>")
    .action(async (slug: string, _options: object, command: Command) => {
      const found = (await listBackups(slug)).map(summarize);
      outputFor(command).result(found, () =>
        found.length === 0
          ? `No backups of ${slug}.`
          : formatTable(
              ["ID", "KIND", "CREATED", "VERSION", "ROWS", "FILES", "SIZE"],
              found.map((each) => [
                each.id,
                each.kind,
                each.createdAt,
                each.schemaVersion,
                String(Object.values(each.tables).reduce((sum, rows) => sum + rows, 0)),
                String(each.files),
                megabytes(each.bytes),
              ]),
            ),
      );
    });

  backups
    .command("show")
    .description("Show one backup's manifest summary")
    .argument("<id>")
    .action(async (id: string, _options: object, command: Command) => {
      const summary = summarize(await findBackup(id));
      outputFor(command).result(summary, () => summaryFields(summary));
    });

  backups
    .command("verify")
    .description("Re-read every table and file of a backup and check its SHA-256, size and row count (exit 1 on any mismatch)")
    .argument("<id>")
    .action(async (id: string, _options: object, command: Command) => {
      const result = await verifyBackup(id);
      outputFor(command).result(result, () =>
        result.ok
          ? `Backup ${id} is intact: ${result.tablesChecked} tables and ${result.filesChecked} files, ${megabytes(result.bytesChecked)} checked.`
          : [`Backup ${id} is DAMAGED:`, ...result.problems.map((each) => `  ${each.item}: ${each.problem}`)].join("\n"),
      );
      if (!result.ok) setExitCode(EXIT_ERROR);
    });

  backups
    .command("restore")
    .description("Restore a backup onto its tenant atomically (built aside, swapped in one transaction), partly, or as a new tenant")
    .argument("<id>")
    .option("--yes", "confirm: the tenant's current data (or the named tables/files) is replaced")
    .option("--tables <names>", "only these tables of the tenant schema (comma-separated; also tenant_settings)", parseTableList)
    .option("--files", "restore the files too (with --tables), or only the files (without)")
    .option("--no-files", "leave the tenant's files as they are")
    .option("--as-new-slug <slug>", "restore as a new tenant with this slug: new tenant id, users copied with new ids, sessions invalid")
    .option("--to <slug>", "the tenant you mean to restore onto; refused unless it is the backup's own")
    .action(async (id: string, options: { yes?: boolean; tables?: string[]; files?: boolean; asNewSlug?: string; to?: string }, command: Command) => {
      const output = outputFor(command);
      if (options.yes !== true) {
        const manifest = await findBackup(id);
        throw new AppError({ code: "bad_request", message: `Refusing to restore ${id} onto ${options.asNewSlug ?? manifest.tenant.slug} without --yes` });
      }
      const progress = byteProgress(output, "Restore");
      let result: RestoreResult;
      try {
        result = await restoreBackup(id, { tables: options.tables, files: options.files, asNewSlug: options.asNewSlug, toSlug: options.to, onProgress: progress.update });
      } finally {
        progress.stop();
      }
      output.result(result, () => formatRestore(result));
    });

  backups
    .command("delete")
    .description("Delete one backup from the backup store")
    .argument("<id>")
    .option("--yes", "confirm")
    .action(async (id: string, options: { yes?: boolean }, command: Command) => {
      const output = outputFor(command);
      if (options.yes !== true) {
        const manifest = await findBackup(id);
        throw new AppError({ code: "bad_request", message: `Refusing to delete backup ${id} of ${manifest.tenant.slug} without --yes` });
      }
      const deleted = await deleteBackup(id);
      output.result({ ...deleted, status: "deleted" }, () => `Deleted backup ${id} of ${deleted.tenant.slug} (${deleted.objects} objects).`);
    });

  backups
    .command("prune")
    .description("Delete backups outside each tenant's plan retention (standard 7 days, professional 30, enterprise 90 plus monthlies for a year; the 3 newest always stay)")
    .option("--dry-run", "only list what would be deleted")
    .action(async (options: { dryRun?: boolean }, command: Command) => {
      const result = await pruneBackups({ dryRun: options.dryRun === true });
      outputFor(command).result(result, () =>
        [
          `${result.dryRun ? "Would prune" : "Pruned"} ${result.pruned.length} backups of ${result.tenants} tenants; kept ${result.kept} ` +
            `(${result.keptByReason.minimum} minimum, ${result.keptByReason["within-days"]} within the window, ${result.keptByReason.monthly} monthly).`,
          ...result.pruned.map((each) => `  ${each.tenant}  ${each.id}  ${each.createdAt}`),
        ].join("\n"),
      );
    });

  backups
    .command("run-due")
    .description("Back up every active or suspended tenant that is due under its plan; goes on past failures; exit 3 if any failed")
    .option("--concurrency <n>", "tenants backed up at once", (value: string) => {
      const concurrency = Number(value);
      if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 16) throw new InvalidArgumentError("must be a whole number from 1 to 16");
      return concurrency;
    }, 2)
    .action(async (options: { concurrency: number }, command: Command) => {
      const output = outputFor(command);
      const result = await runDueBackups({ concurrency: options.concurrency });
      output.result(result, () =>
        [
          `${result.due} of ${result.tenants} tenants were due: ${result.succeeded.length} backed up, ${result.failed.length} failed.`,
          ...result.succeeded.map((each) => `  ok      ${each.tenant}  ${each.id}  ${megabytes(each.bytes)}`),
          ...result.failed.map((each) => `  FAILED  ${each.tenant}: ${each.error}`),
        ].join("\n"),
      );
      if (result.failed.length > 0) setExitCode(EXIT_PARTIAL_FAILURE);
    });

  backups
    .command("base-backup")
    .description("Take a base backup of the whole cluster for point-in-time recovery (superuser DATABASE_URL on this host, WAL archiving on)")
    .action(async (_options: object, command: Command) => {
      const backup = await takeBaseBackup();
      outputFor(command).result(backup, () => `Base backup ${backup.label} in ${backup.dir}, consistent from ${backup.stoppedAt}.`);
    });

  backups
    .command("restore-to-time")
    .description("Bring one tenant back to its state at a moment (PostgreSQL PITR on a temporary server, then an atomic restore); other tenants are untouched")
    .argument("<slug>")
    .requiredOption("--at <time>", "ISO 8601 time, e.g. 2026-12-01T10:15:00Z")
    .option("--yes", "confirm: the tenant's current data is replaced")
    .option("--from-database <url>", "extract from this already recovered instance (managed Postgres PITR) instead of recovering one here")
    .action(async (slug: string, options: { at: string; yes?: boolean; fromDatabase?: string }, command: Command) => {
      if (options.yes !== true) throw new AppError({ code: "bad_request", message: `Refusing to restore ${slug} to ${options.at} without --yes` });
      const result = await restoreToTime(slug, options.at, { fromDatabase: options.fromDatabase });
      outputFor(command).result(result, () =>
        [
          `Restored ${result.tenant.slug} to ${result.at} in ${result.seconds} s (${result.source.kind === "recovered-instance" ? `recovered from ${result.source.baseBackup} + WAL` : "from --from-database"}).`,
          formatRestore(result.restore),
          result.files.source === "snapshot" ? `  files from the nearest snapshot ${result.files.backup} (${result.files.createdAt})` : "  files left as they are (no snapshot)",
        ].join("\n"),
      );
    });
}
