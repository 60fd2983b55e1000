import { Command, CommanderError } from "commander";
import { closePools } from "@/lib/db/pools";
import { disconnectSharedDb, enableOwnerOutsideTenantScope } from "@/lib/db/shared-client";
import { env } from "@/lib/env/env";
import { closeKv } from "@/lib/kv/kv";
import { stopTenantProfileListener } from "@/lib/tenant-profile/tenant-profile";
import { stopTenantCacheListener } from "@/lib/tenancy/tenant-cache";
import { registerAdminCommands } from "./admin-commands";
import { registerAnalyticsCommands } from "./analytics-commands";
import { registerBackupCommands } from "./backup-commands";
import { registerDomainCommands } from "./domain-commands";
import { registerHealthCommands } from "./health-commands";
import { registerJobsCommands } from "./jobs-commands";
import { registerMaintenanceCommands } from "./maintenance-commands";
import { registerMigrateCommand } from "./migrate-command";
import { registerOperationsCommands } from "./operations-commands";
import { registerOptimizeCommand } from "./optimize-command";
import { CliOutput, EXIT_ERROR, EXIT_OK, EXIT_USAGE, errorBody, type CliIo } from "./output";
import { registerPlanCommands } from "./plan-commands";
import { registerUsageCommands } from "./usage-commands";
import { registerTenantCommands } from "./tenant-commands";

class InvalidEnvironmentError extends Error {}

export interface BuiltProgram {
  program: Command;
  /** The exit code the last action asked for (actions that fail throw instead). */
  exitCode: () => number;
}

export function buildProgram(io: CliIo): BuiltProgram {
  let exitCode = EXIT_OK;
  const program = new Command("anchor")
    .description("Asset Anchor operator CLI: tenants, domains, platform admins, migrations and backups")
    .option("--json", "print one JSON document on stdout (errors as {\"error\": {...}}); no other stdout output")
    .configureHelp({ showGlobalOptions: true })
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr, outputError: () => undefined })
    .exitOverride()
    .hook("preAction", () => {
      try {
        env();
      } catch (error) {
        throw new InvalidEnvironmentError((error as Error).message);
      }
    });
  const outputFor = (command: Command) => new CliOutput(io, command.optsWithGlobals<{ json?: boolean }>().json === true);
  registerTenantCommands(program, outputFor, (code) => (exitCode = code));
  registerMaintenanceCommands(program.commands.find((command) => command.name() === "tenants")!, outputFor);
  registerPlanCommands(program, outputFor);
  registerUsageCommands(program, outputFor);
  registerMigrateCommand(program, outputFor, (code) => (exitCode = code));
  registerDomainCommands(program, outputFor, (code) => (exitCode = code));
  registerAdminCommands(program, outputFor);
  registerBackupCommands(program, outputFor, (code) => (exitCode = code));
  registerHealthCommands(program, outputFor);
  registerAnalyticsCommands(program, outputFor);
  registerJobsCommands(program, outputFor, (code) => (exitCode = code));
  registerOptimizeCommand(program, outputFor);
  registerOperationsCommands(program, outputFor);
  return { program, exitCode: () => exitCode };
}

function usageError(error: CommanderError): string {
  // A command group run without a subcommand has already printed its help to stderr.
  if (error.code === "commander.help") return "a subcommand is required (see --help)";
  return `${error.message.replace(/^error: /, "")} (see --help)`;
}

/**
 * Runs one CLI invocation (argv without node and script) and returns its exit code. It leaves
 * database connections open; the process entry closes them with closeCliConnections().
 */
export async function runProgram(argv: string[], io: CliIo): Promise<number> {
  const output = new CliOutput(io, argv.includes("--json"));
  // The operator CLI holds the owner credentials and works across tenants.
  enableOwnerOutsideTenantScope();
  const { program, exitCode } = buildProgram(io);
  try {
    await program.parseAsync(argv, { from: "user" });
    return exitCode();
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.exitCode === 0) return EXIT_OK;
      output.error({ code: "usage", message: usageError(error) });
      return EXIT_USAGE;
    }
    if (error instanceof InvalidEnvironmentError) output.error({ code: "invalid_environment", message: error.message });
    else output.error(errorBody(error));
    return EXIT_ERROR;
  }
}

/** Closes every connection the services opened, so the process can exit. */
export async function closeCliConnections(): Promise<void> {
  stopTenantProfileListener();
  await closeKv();
  await stopTenantCacheListener();
  await disconnectSharedDb();
  await closePools();
}
