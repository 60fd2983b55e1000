import type { Command } from "commander";
import { AppError } from "@/lib/errors/app-error";
import { formatLimit, PLAN_IDS, PLAN_LIMIT_NAMES, PLAN_LIMITS, PLANS, type Plan } from "@/lib/plans/plans";
import { parseFeatureFlag, listFeatureFlags, setFeatureFlag, type FeatureFlagRow } from "@/lib/tenant-profile/set-feature-flag";
import { parseLimitValue, parsePlanLimit, setLimitOverride } from "@/lib/tenant-profile/set-limit-override";
import { setTenantPlan, type PlanChange } from "@/lib/tenant-profile/set-tenant-plan";
import { formatFields, formatTable } from "./output";
import type { OutputFor } from "./tenant-commands";

function describePlanChange(change: PlanChange): string {
  const lines = [
    change.changed ? `Tenant ${change.slug} moved from ${change.from} to ${change.to}.` : `Tenant ${change.slug} is already on ${change.to}; nothing changed.`,
    formatTable(
      ["LIMIT", "USAGE", "ALLOWED"],
      PLAN_LIMIT_NAMES.map((limit) => [
        PLAN_LIMITS[limit].description,
        limit in change.usage ? formatLimit(limit, change.usage[limit as keyof PlanChange["usage"]]) : "-",
        formatLimit(limit, change.limits[limit]),
      ]),
    ),
  ];
  if (change.overQuota.length > 0) {
    lines.push(`Over quota now (forced): ${change.overQuota.map((item) => item.limit).join(", ")}. Writes over these limits are refused; nothing was deleted.`);
  }
  return lines.join("\n");
}

function flagsTable(rows: FeatureFlagRow[]): string {
  const state = (value: boolean) => (value ? "on" : "off");
  return formatTable(
    ["FLAG", "ENABLED", "PLAN", "OVERRIDE", "DESCRIPTION"],
    rows.map((row) => [row.flag, state(row.enabled), state(row.plan), row.override === null ? "-" : state(row.override), row.description]),
  );
}

function parseOnOff(value: string): boolean {
  if (value === "on") return true;
  if (value === "off") return false;
  throw new AppError({ code: "validation_failed", message: `A flag is set "on" or "off", not "${value}"`, fieldErrors: { value: ["on or off"] } });
}

/**
 * Adds `tenants set-plan`, `tenants set-limit` (to the existing `tenants` group) and `flags <subcommand>`.
 * Every change is audited and reaches every process through the tenant-profile invalidation.
 */
export function registerPlanCommands(program: Command, outputFor: OutputFor): void {
  const tenants = program.commands.find((command) => command.name() === "tenants");
  if (!tenants) throw new Error("registerPlanCommands needs the tenants command group registered first");

  tenants
    .command("set-plan")
    .description(`Move a tenant to another plan (${PLAN_IDS.join(", ")}); a plan below its current usage is refused unless --force`)
    .argument("<slug>")
    .argument("<plan>", PLAN_IDS.join(" | "))
    .option("--force", "change the plan even if the tenant uses more than it allows (writes over quota are then refused; nothing is deleted)")
    .action(async (slug: string, plan: string, options: { force?: boolean }, command: Command) => {
      const change = await setTenantPlan(slug, plan, { force: options.force === true });
      outputFor(command).result(change, () => describePlanChange(change));
    });

  tenants
    .command("set-limit")
    .description("Override one limit of an Enterprise tenant's contract; `default` returns it to the plan's")
    .argument("<slug>")
    .argument("<limit>", PLAN_LIMIT_NAMES.join(" | "))
    .argument("<value>", "a whole number (bytes for storageBytes and cacheBytes), or default")
    .action(async (slug: string, limitName: string, rawValue: string, _options: object, command: Command) => {
      const limit = parsePlanLimit(limitName);
      const value = rawValue === "default" ? null : parseLimitValue(rawValue);
      const result = await setLimitOverride(slug, limit, value);
      outputFor(command).result(result, () =>
        formatFields([
          ["tenant", result.slug],
          ["limit", result.limit],
          ["value", formatLimit(limit, result.value)],
          ["plan's", formatLimit(limit, result.plan)],
          ["override", result.override === null ? "- (follows the plan)" : formatLimit(limit, result.override)],
        ]),
      );
    });

  program
    .command("plans")
    .description("The plans: their limits and features (lib/plans/plans.ts)")
    .command("list")
    .description("List the plans with every limit and feature")
    .action((_options: object, command: Command) => {
      const plans = PLAN_IDS.map((id) => PLANS[id]);
      outputFor(command).result(plans, () =>
        formatTable(
          ["", ...plans.map((plan) => plan.id)],
          [
            ...PLAN_LIMIT_NAMES.map((limit) => [limit, ...plans.map((plan) => `${formatLimit(limit, plan.limits[limit])}${plan.limitsOverridable ? "*" : ""}`)]),
            ...Object.keys(PLANS.standard.features).map((flag) => [flag, ...plans.map((plan) => (plan.features[flag as keyof Plan["features"]] ? "on" : "off"))]),
          ],
        ) + "\n* overridable per tenant (anchor tenants set-limit)",
      );
    });

  const flags = program.command("flags").description(`Per-tenant feature flags over the plan's features (${Object.keys(PLANS.standard.features).join(", ")})`);

  flags
    .command("list")
    .description("List a tenant's flags: what it gets, what its plan gives, and its overrides")
    .argument("<slug>")
    .action(async (slug: string, _options: object, command: Command) => {
      const listed = await listFeatureFlags(slug);
      outputFor(command).result(listed, () => `Tenant ${listed.slug} (${listed.plan} plan)\n${flagsTable(listed.flags)}`);
    });

  flags
    .command("set")
    .description("Turn a feature on or off for one tenant, whatever its plan says")
    .argument("<slug>")
    .argument("<flag>")
    .argument("<state>", "on | off")
    .action(async (slug: string, flagName: string, state: string, _options: object, command: Command) => {
      const flag = parseFeatureFlag(flagName);
      const row = await setFeatureFlag(slug, flag, parseOnOff(state));
      outputFor(command).result(row, () => `${row.flag} is ${row.enabled ? "on" : "off"} for ${row.slug}${row.changed ? "" : " (unchanged)"}.`);
    });

  flags
    .command("unset")
    .description("Remove a tenant's override: the flag follows its plan again")
    .argument("<slug>")
    .argument("<flag>")
    .action(async (slug: string, flagName: string, _options: object, command: Command) => {
      const flag = parseFeatureFlag(flagName);
      const row = await setFeatureFlag(slug, flag, null);
      outputFor(command).result(row, () => `${row.flag} follows the ${row.plan ? "plan (on)" : "plan (off)"} for ${row.slug}${row.changed ? "" : " (no override was set)"}.`);
    });
}
