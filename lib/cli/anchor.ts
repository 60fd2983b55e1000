import { realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";
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

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  settleLogLevel(argv);
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
