import { describe, expect, it } from "vitest";
import { parsed, runInProcess, type ErrorJson } from "@/lib/cli/cli-test-support";
import { ownerPool } from "@/lib/db/pools";
import { seedTenant } from "@/lib/testing/seed-tenant";
import { runJob, type JobRunOutcome } from "./scheduler";

// Single runner across workers: the advisory lock and job_runs on real PostgreSQL.

describe("job scheduler", () => {
  it("runs a job on one worker at a time and skips it until it is due again", async () => {
    let concurrent = 0;
    let maxConcurrent = 0;
    let runs = 0;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const job = {
      name: "test-single-runner",
      everyMs: 60_000,
      run: async () => {
        runs += 1;
        concurrent += 1;
        maxConcurrent = Math.max(maxConcurrent, concurrent);
        await gate;
        concurrent -= 1;
      },
    };
    const first = runJob(job);
    // Poll until the first worker holds the lock (its run started), then a second worker tries.
    while (runs === 0) await new Promise((resolve) => setImmediate(resolve));
    expect(await runJob(job)).toEqual({ job: job.name, ran: false, reason: "locked" });
    release();
    expect(await first).toMatchObject({ ran: true, outcome: "succeeded" });
    expect(await runJob(job)).toEqual({ job: job.name, ran: false, reason: "not_due" });
    expect(maxConcurrent).toBe(1);
    const row = (await ownerPool().query("SELECT outcome, duration_ms FROM job_runs WHERE job = $1", [job.name])).rows[0];
    expect(row.outcome).toBe("succeeded");
  });

  it("records a failing job as failed with its error", async () => {
    const outcome = await runJob({ name: "test-failing", everyMs: 1, run: async () => Promise.reject(new Error("boom")) });
    expect(outcome).toMatchObject({ ran: true, outcome: "failed", error: "boom" });
  });

  it("anchor jobs run tenant-health runs the health job once; an unknown job is a clear error", async () => {
    const tenant = await seedTenant();
    const run = await runInProcess(["jobs", "run", "tenant-health", "--json"]);
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    expect(parsed<JobRunOutcome[]>(run)).toMatchObject([{ job: "tenant-health", ran: true, outcome: "succeeded" }]);
    expect((await ownerPool().query("SELECT status FROM tenant_health WHERE subject_tenant_id = $1", [tenant.id])).rows[0]?.status).toBe("healthy");
    const again = await runInProcess(["jobs", "run", "tenant-health", "--if-due", "--json"]);
    expect(parsed<JobRunOutcome[]>(again)).toEqual([{ job: "tenant-health", ran: false, reason: "not_due" }]);
    const unknown = await runInProcess(["jobs", "run", "nope", "--json"]);
    expect(unknown.exitCode).toBe(1);
    expect(parsed<ErrorJson>(unknown).error.code).toBe("not_found");
  });
});
