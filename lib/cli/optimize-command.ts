import type { Command } from "commander";
import { AppError } from "@/lib/errors/app-error";
import { optimizeTenant, type OptimizeReport } from "@/lib/health/optimize-tenant";
import { findTenantBySlug, listTenants } from "@/lib/tenants/find-tenant";
import { formatTable } from "./output";
import type { OutputFor } from "./tenant-commands";

function describe(reports: OptimizeReport[]): string {
  return reports
    .map((report) =>
      [
        `${report.slug}${report.applied ? "" : " (dry run: add --apply to vacuum and create indexes)"}`,
        formatTable(["TABLE", "LIVE", "DEAD", "BLOAT", "LAST VACUUM", "ACTION"], report.tables.map((table) => [table.table, String(table.liveRows), String(table.deadRows), `${(table.deadRatio * 100).toFixed(1)}%`, table.lastVacuum ?? "never", table.vacuumed ? "vacuumed" : table.stale ? "stale" : "-"])),
        report.pgStatStatements
          ? report.indexSuggestions.length === 0
            ? "No index suggestions."
            : report.indexSuggestions.map((suggestion) => `${suggestion.created ? "created" : "suggest"}: ${suggestion.ddl} -- ${suggestion.reason}`).join("\n")
          : "pg_stat_statements is not available: no index suggestions.",
      ].join("\n"),
    )
    .join("\n\n");
}

/** Adds `tenants optimize <slug>|--all [--apply]` to the existing `tenants` group. */
export function registerOptimizeCommand(program: Command, outputFor: OutputFor): void {
  const tenants = program.commands.find((command) => command.name() === "tenants");
  if (!tenants) throw new Error("registerOptimizeCommand needs the tenants command group registered first");
  tenants
    .command("optimize")
    .description("VACUUM ANALYZE a tenant's tables not vacuumed for 7 days, report bloat, suggest indexes from pg_stat_statements")
    .argument("[slug]")
    .option("--all", "every active tenant")
    .option("--apply", "vacuum stale tables and create suggested indexes (never drops anything)")
    .action(async (slug: string | undefined, options: { all?: boolean; apply?: boolean }, command: Command) => {
      if (Boolean(slug) === Boolean(options.all)) throw new AppError({ code: "validation_failed", message: "Give a tenant slug or --all (not both)", fieldErrors: { slug: ["a slug or --all"] } });
      const targets = slug ? [await findTenantBySlug(slug)] : (await listTenants()).filter((tenant) => tenant.status === "active");
      const reports: OptimizeReport[] = [];
      for (const tenant of targets) reports.push(await optimizeTenant(tenant, { apply: options.apply === true }));
      outputFor(command).result(slug ? reports[0] : reports, () => describe(reports));
    });
}
