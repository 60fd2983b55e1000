import { realpathSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { applyDevServices, readDevServicesFile } from "@/lib/dev/dev-services-file";
import type { CliIo } from "./output";

// Entry of `npm run anchor -- <command>`. Importing it runs nothing; only `tsx lib/cli/anchor.ts` does.
// The program is imported dynamically so LOG_LEVEL is settled before the logger is created.

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const { runProgram } = await import("./program");
  return runProgram(argv, io);
}

/**
 * The app logger writes to stdout, which --json reserves for its one document, so --json silences
 * it. Otherwise routine info lines are left out unless LOG_LEVEL asks for them.
 */
function settleLogLevel(argv: string[]): void {
  if (argv.includes("--json")) process.env.LOG_LEVEL = "silent";
  else process.env.LOG_LEVEL ??= "warn";
}

const HELP_ARGS = new Set(["--help", "-h", "help", "--version", "-V"]);

/**
 * Beside a running `npm run dev` the CLI needs nothing exported: dev records its embedded services in
 * .data/dev-services.json. Returns the line to print, or the error when there is no database at all.
 */
function settleDatabase(argv: string[]): { notice?: string; error?: string } {
  if (process.env.DATABASE_URL || argv.length === 0 || argv.some((arg) => HELP_ARGS.has(arg))) return {};
  const lookup = readDevServicesFile();
  if (lookup.found) {
    applyDevServices(process.env, lookup.file);
    return { notice: `Using the services of the running \`npm run dev\` (${path.relative(process.cwd(), lookup.path)})\n` };
  }
  const why = lookup.reason === "stopped" ? "`npm run dev` is not running in this checkout any more" : "DATABASE_URL is not set and no `npm run dev` is running in this checkout";
  return {
    error: `${why}.\nStart \`npm run dev\` here (the CLI then uses its database, S3 and Redis), or set DATABASE_URL to the owner role's postgres:// URL (with APP_DB_PASSWORD and PLATFORM_DB_PASSWORD; see docs/operations.md).\n`,
  };
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  settleLogLevel(argv);
  const database = settleDatabase(argv);
  if (database.error) {
    process.stderr.write(database.error);
    process.exitCode = 1;
    return;
  }
  if (database.notice && !argv.includes("--json")) process.stderr.write(database.notice);
  const io: CliIo = {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    progressStream: process.stderr.isTTY ? process.stderr : undefined,
  };
  let exitCode = 1;
  try {
    exitCode = await runCli(argv, io);
  } finally {
    const { closeCliConnections } = await import("./program");
    await closeCliConnections().catch((error: unknown) => process.stderr.write(`Warning: closing connections failed: ${String(error)}\n`));
    process.exitCode = exitCode;
  }
}

function isProcessEntry(): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return realpathSync(entry) === fileURLToPath(import.meta.url);
  } catch {
    return false;
  }
}

if (isProcessEntry()) await main();
