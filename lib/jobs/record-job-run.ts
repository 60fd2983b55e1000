import { ownerPool } from "@/lib/db/pools";

/** Records a run done outside the scheduler (e.g. `anchor migrate`) in job_runs, for the key metrics. */
export async function recordJobRun(job: string, run: { startedAt: Date; durationMs: number; outcome: "succeeded" | "failed"; error?: string }): Promise<void> {
  await ownerPool().query(
    `INSERT INTO job_runs (job, started_at, finished_at, duration_ms, outcome, error) VALUES ($1, $2, now(), $3, $4, $5)
     ON CONFLICT (job) DO UPDATE SET started_at = EXCLUDED.started_at, finished_at = EXCLUDED.finished_at, duration_ms = EXCLUDED.duration_ms, outcome = EXCLUDED.outcome, error = EXCLUDED.error`,
    [job, run.startedAt, run.durationMs, run.outcome, run.error ?? null],
  );
}
