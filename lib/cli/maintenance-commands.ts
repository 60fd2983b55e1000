import { Argument, type Command } from "commander";
import { parseInput } from "@/lib/http/tenant-request";
import { maintenanceInputSchema } from "@/lib/maintenance/maintenance-input";
import { endMaintenance, startMaintenance, type MaintenanceState } from "@/lib/maintenance/set-maintenance";
import { formatFields } from "./output";
import type { OutputFor } from "./tenant-commands";

interface MaintenanceOptions {
  message?: string;
  until?: string;
}

function describe(state: MaintenanceState): string {
  if (!state.active) return `Tenant ${state.slug} is out of maintenance.`;
  return [
    `Tenant ${state.slug} is in maintenance: its pages show the maintenance page and its API answers 503.`,
    formatFields([
      ["message", state.message ?? "-"],
      ["until", state.until ?? "-"],
      ["since", state.startedAt ?? "-"],
    ]),
  ].join("\n");
}

/** Adds `tenants maintenance <slug> on|off [--message] [--until]` to the `tenants` command group. */
export function registerMaintenanceCommands(tenants: Command, outputFor: OutputFor): void {
  tenants
    .command("maintenance")
    .description("Put a tenant in maintenance mode (pages show a maintenance page, the API answers 503 with Retry-After) or take it out")
    .argument("<slug>")
    .addArgument(new Argument("<mode>", "on or off").choices(["on", "off"]))
    .option("--message <text>", "what the maintenance page and the 503s say (at most 500 characters)")
    .option("--until <time>", "announced end, ISO 8601 (e.g. 2026-12-02T16:00:00Z): Retry-After counts down to it")
    .action(async (slug: string, mode: "on" | "off", options: MaintenanceOptions, command: Command) => {
      const output = outputFor(command);
      const state =
        mode === "on"
          ? await startMaintenance(slug, parseInput(maintenanceInputSchema, { message: options.message, until: options.until }, "Invalid maintenance options"), null)
          : await endMaintenance(slug, null);
      output.result(state, () => describe(state));
    });
}
