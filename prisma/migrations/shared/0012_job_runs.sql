-- The in-process scheduler (lib/jobs): when each job last ran, shared by every worker, so a job due every
-- hour runs once an hour across N workers (the run itself is guarded by a pg advisory lock). Operator only.
CREATE TABLE job_runs (
  job          text PRIMARY KEY,
  started_at   timestamptz NOT NULL,
  finished_at  timestamptz,
  duration_ms  integer,
  outcome      text CHECK (outcome IN ('running', 'succeeded', 'failed')),
  error        text
);
ALTER TABLE job_runs ENABLE ROW LEVEL SECURITY;
