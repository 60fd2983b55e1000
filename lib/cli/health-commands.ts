import type { Command } from "commander";
import { checkTenantHealth, type TenantHealthReport } from "@/lib/health/check-tenant-health";
import { formatTable } from "./output";
import type { OutputFor } from "./tenant-commands";

function describe(reports: TenantHealthReport[]): string {
  if (reports.length === 0) return "No active tenants.";
  return formatTable(
    ["TENANT", "STATUS", "ALERT", "REASONS"],
    reports.map((report) => [report.slug, report.status, report.alert ? `${report.alert.from} → ${report.alert.to}` : "-", report.reasons.join("; ") || "-"]),
  );
}

/** `health check [--tenant <slug>]`: the seed's per-tenant health, stored in tenant_health, alerts on change. */
export function registerHealthCommands(program: Command, outputFor: OutputFor): void {
  const health = program.command("health").description("Per-tenant health: database, storage, error rate, response time, noisy neighbours");
  health
    .command("check")
    .description("Check every active tenant (or one), store the result and alert platform admins on a status change")
    .option("--tenant <slug>", "only this tenant")
    .action(async (options: { tenant?: string }, command: Command) => {
      const reports = await checkTenantHealth({ slug: options.tenant });
      outputFor(command).result(reports, () => describe(reports));
    });
}
