import type { Command } from "commander";
import { JOBS } from "@/lib/jobs/jobs";
import { findJob, runJob, type JobRunOutcome } from "@/lib/jobs/scheduler";
import { EXIT_ERROR } from "./output";
import { formatTable } from "./output";
import type { OutputFor } from "./tenant-commands";

/** `jobs run [name] [--if-due]`: the scheduler's jobs once, from cron or by hand (same advisory lock). */
export function registerJobsCommands(program: Command, outputFor: OutputFor, setExitCode: (code: number) => void): void {
  const jobs = program.command("jobs").description("Scheduled jobs: tenant-health (5 min), analytics-snapshot and limit-notices (hourly), usage-sizes (daily)");
  jobs
    .command("run")
    .description("Run one job (or all) now; with --if-due only when its interval has passed since the last run")
    .argument("[name]", `one of: ${JOBS.map((job) => job.name).join(", ")}`)
    .option("--if-due", "skip a job that ran within its interval")
    .action(async (name: string | undefined, options: { ifDue?: boolean }, command: Command) => {
      const selected = name ? [findJob(name)] : JOBS;
      const outcomes: JobRunOutcome[] = [];
      for (const job of selected) outcomes.push(await runJob(job, { force: !options.ifDue }));
      const summary = outcomes.map((outcome) => (outcome.ran ? { job: outcome.job, ran: true, outcome: outcome.outcome, durationMs: outcome.durationMs, error: outcome.error } : outcome));
      if (outcomes.some((outcome) => outcome.ran && outcome.outcome === "failed")) setExitCode(EXIT_ERROR);
      outputFor(command).result(summary, () =>
        formatTable(["JOB", "RESULT", "DURATION"], outcomes.map((outcome) => [outcome.job, outcome.ran ? outcome.outcome + (outcome.error ? `: ${outcome.error}` : "") : `skipped (${outcome.reason})`, outcome.ran ? `${outcome.durationMs} ms` : "-"])),
      );
    });
}
