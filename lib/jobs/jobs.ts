import { checkTenantHealth } from "@/lib/health/check-tenant-health";
import { takeAnalyticsSnapshot } from "@/lib/platform-analytics/take-analytics-snapshot";
import { runLimitNotices } from "@/lib/usage/run-limit-notices";
import { sampleTenantSizes } from "@/lib/usage/sample-tenant-sizes";

export interface Job {
  name: string;
  everyMs: number;
  run(): Promise<unknown>;
}

/** Every scheduled job: name (also `anchor jobs run <name>`), how often, what it does. */
export const JOBS: Job[] = [
  { name: "tenant-health", everyMs: 5 * 60_000, run: () => checkTenantHealth() },
  { name: "analytics-snapshot", everyMs: 60 * 60_000, run: () => takeAnalyticsSnapshot() },
  { name: "limit-notices", everyMs: 60 * 60_000, run: () => runLimitNotices() },
  { name: "usage-sizes", everyMs: 24 * 60 * 60_000, run: () => sampleTenantSizes() },
];

export const JOB_NAMES = JOBS.map((job) => job.name);
