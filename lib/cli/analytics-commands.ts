import type { Command } from "commander";
import { takeAnalyticsSnapshot } from "@/lib/platform-analytics/take-analytics-snapshot";
import { formatFields } from "./output";
import type { OutputFor } from "./tenant-commands";

/** `analytics snapshot`: computes the cross-tenant analytics snapshot the console and /api/admin/analytics/* read. */
export function registerAnalyticsCommands(program: Command, outputFor: OutputFor): void {
  const analytics = program.command("analytics").description("Cross-tenant analytics: growth, activity, resource usage");
  analytics
    .command("snapshot")
    .description("Compute every tenant's DB size, storage, API calls (30 d), users and activity into a new snapshot")
    .action(async (_options: unknown, command: Command) => {
      const summary = await takeAnalyticsSnapshot();
      outputFor(command).result(summary, () =>
        formatFields([
          ["snapshot", String(summary.snapshotId)],
          ["taken at", summary.takenAt],
          ["tenants", String(summary.tenants)],
          ["duration", `${summary.durationMs} ms`],
        ]),
      );
    });
}
