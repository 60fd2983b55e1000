import type { AdminOperationWorker } from "@/lib/admin-operations/run-admin-operations";
import { ownerPool } from "@/lib/db/pools";
import { AppError } from "@/lib/errors/app-error";
import { logger } from "@/lib/log/logger";
import { JOBS, type Job } from "./jobs";

/** How often each worker looks for due jobs. */
export const TICK_MS = 30_000;
/** Advisory-lock key space of the scheduler (classid), the job's hash is the objid. */
const LOCK_CLASS = 0x4a4f42; // "JOB"

export type JobRunOutcome = { job: string; ran: true; outcome: "succeeded" | "failed"; durationMs: number; error?: string; result?: unknown } | { job: string; ran: false; reason: "locked" | "not_due" };

/**
 * Runs one job if no other worker holds its advisory lock and (unless `force`) it is due by job_runs.
 * The lock is session-level on one dedicated connection, released after the run; a crashed worker's
 * lock ends with its connection.
 */
export async function runJob(job: Job, options: { force?: boolean } = {}): Promise<JobRunOutcome> {
  const client = await ownerPool().connect();
  try {
    const locked = await client.query<{ locked: boolean }>("SELECT pg_try_advisory_lock($1, hashtext($2)) AS locked", [LOCK_CLASS, job.name]);
    if (!locked.rows[0]!.locked) return { job: job.name, ran: false, reason: "locked" };
    try {
      if (!options.force) {
        const last = await client.query<{ started_at: Date }>("SELECT started_at FROM job_runs WHERE job = $1", [job.name]);
        const lastStarted = last.rows[0]?.started_at.getTime();
        if (lastStarted !== undefined && Date.now() - lastStarted < job.everyMs) return { job: job.name, ran: false, reason: "not_due" };
      }
      await client.query(
        "INSERT INTO job_runs (job, started_at, outcome) VALUES ($1, now(), 'running') ON CONFLICT (job) DO UPDATE SET started_at = now(), finished_at = NULL, duration_ms = NULL, outcome = 'running', error = NULL",
        [job.name],
      );
      const started = performance.now();
      let outcome: "succeeded" | "failed" = "succeeded";
      let error: string | undefined;
      let result: unknown;
      try {
        result = await job.run();
      } catch (caught) {
        outcome = "failed";
        error = caught instanceof Error ? caught.message : String(caught);
        logger.error({ job: job.name, err: caught }, "scheduled job failed");
      }
      const durationMs = Math.round(performance.now() - started);
      await client.query("UPDATE job_runs SET finished_at = now(), duration_ms = $2, outcome = $3, error = $4 WHERE job = $1", [job.name, durationMs, outcome, error ?? null]);
      return { job: job.name, ran: true, outcome, durationMs, error, result };
    } finally {
      await client.query("SELECT pg_advisory_unlock($1, hashtext($2))", [LOCK_CLASS, job.name]);
    }
  } finally {
    client.release();
  }
}

export function findJob(name: string): Job {
  const job = JOBS.find((candidate) => candidate.name === name);
  if (!job) throw new AppError({ code: "not_found", message: `Unknown job "${name}" (jobs: ${JOBS.map((entry) => entry.name).join(", ")})` });
  return job;
}

let timer: NodeJS.Timeout | undefined;
let operationWorker: Promise<AdminOperationWorker | null> | undefined;

/**
 * Starts the in-process scheduler: every TICK_MS each due job runs on whichever worker takes its lock
 * first. Only in a process with owner credentials (DATABASE_URL); the least-privilege web tier has none
 * and runs no jobs — run a worker (`npm start` with DATABASE_URL) or `anchor jobs run` from cron.
 */
export function startScheduler(): boolean {
  if (timer) return true;
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      for (const job of JOBS) await runJob(job).catch((error: unknown) => logger.error({ job: job.name, err: error }, "scheduler tick failed"));
    } finally {
      running = false;
    }
  };
  timer = setInterval(() => void tick(), TICK_MS);
  timer.unref();
  // The admin console's queued mutations run where the owner credentials are (lib/admin-operations).
  operationWorker = import("@/lib/admin-operations/run-admin-operations")
    .then(({ startAdminOperationWorker }) => startAdminOperationWorker())
    .catch((error: unknown) => {
      logger.error({ err: error }, "admin operation worker did not start");
      return null;
    });
  logger.info({ jobs: JOBS.map((job) => ({ name: job.name, everyMs: job.everyMs })), tickMs: TICK_MS }, "job scheduler started");
  return true;
}

export function stopScheduler(): void {
  if (timer) clearInterval(timer);
  timer = undefined;
  void operationWorker?.then((worker) => worker?.stop());
  operationWorker = undefined;
}
