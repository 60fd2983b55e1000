import type { Command } from "commander";
import { AppError } from "@/lib/errors/app-error";
import { formatBytes, formatLimit } from "@/lib/plans/plans";
import { findTenantBySlug } from "@/lib/tenants/find-tenant";
import { exportMonthlyUsage, readUsageReport, usageDaysSchema, usageRowsToCsv, type UsageReport } from "@/lib/usage/read-usage";
import { formatFields, formatTable } from "./output";
import type { OutputFor } from "./tenant-commands";

function describeReport(slug: string, report: UsageReport): string {
  const ms = (value: number | null) => (value === null ? "-" : `${value} ms`);
  return [
    formatFields([
      ["tenant", slug],
      ["plan", `${report.plan.name} (${report.plan.id})`],
    ]),
    formatTable(["LIMIT", "USAGE", "ALLOWED"], report.limits.map((row) => [row.limit, row.usage === null ? "-" : formatLimit(row.limit, row.usage), formatLimit(row.limit, row.max)])),
    formatTable(["DAY", "CALLS", "ERRORS"], report.days.map((row) => [row.day, String(row.calls), String(row.errors)])),
    report.sizes.length === 0
      ? "No size samples yet (job usage-sizes)."
      : formatTable(["SAMPLED", "DATABASE", "STORAGE"], report.sizes.map((row) => [row.day, formatBytes(row.dbBytes), formatBytes(row.storageBytes)])),
    report.endpoints.length === 0
      ? "No API calls recorded."
      : formatTable(["ENDPOINT", "CALLS", "P50", "P95"], report.endpoints.map((row) => [row.endpoint, String(row.calls), ms(row.p50Ms), ms(row.p95Ms)])),
  ].join("\n\n");
}

function parseDays(raw: string): number {
  const parsed = usageDaysSchema.safeParse(raw);
  if (!parsed.success) {
    throw new AppError({ code: "validation_failed", message: `Invalid --days "${raw}": ${parsed.error.issues[0]?.message ?? "a whole number from 1 to 400"}`, fieldErrors: { days: ["1–400"] } });
  }
  return parsed.data;
}

/** `usage show <slug>` and `usage export --month YYYY-MM` (metering in Redis; see docs/tenant-profile.md). */
export function registerUsageCommands(program: Command, outputFor: OutputFor): void {
  const usage = program.command("usage").description("API usage metering: per tenant, and monthly exports for billing");

  usage
    .command("show")
    .description("A tenant's plan, limits with usage, calls per day and p50/p95 per endpoint")
    .argument("<slug>")
    .option("--days <n>", "days of daily calls, 1–400", "30")
    .action(async (slug: string, options: { days: string }, command: Command) => {
      const days = parseDays(options.days);
      const tenant = await findTenantBySlug(slug);
      const report = await readUsageReport(tenant.id, days);
      outputFor(command).result({ slug: tenant.slug, ...report }, () => describeReport(tenant.slug, report));
    });

  usage
    .command("export")
    .description("Every tenant's calls and errors per endpoint in one UTC month, as CSV or JSON")
    .requiredOption("--month <YYYY-MM>", "the UTC month")
    .option("--format <format>", "csv | json", "csv")
    .action(async (options: { month: string; format: string }, command: Command) => {
      if (options.format !== "csv" && options.format !== "json") {
        throw new AppError({ code: "validation_failed", message: `Invalid --format "${options.format}" (csv or json)`, fieldErrors: { format: ["csv or json"] } });
      }
      const rows = await exportMonthlyUsage(options.month);
      const output = outputFor(command);
      if (options.format === "json") output.result(rows, () => JSON.stringify(rows, null, 2));
      else output.result(rows, () => usageRowsToCsv(rows).trimEnd());
    });
}
