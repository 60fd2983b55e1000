import type { CliRun } from "@/lib/testing/spawn-cli";
import { runCli } from "./anchor";

/** One CLI invocation in this process, its output captured (tests only; the subprocess is spawnCli). */
export async function runInProcess(args: string[], progressStream?: NodeJS.WritableStream): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const exitCode = await runCli(args, { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text), progressStream });
  return { exitCode, stdout, stderr };
}

/** The one JSON document a --json run printed; says what was printed instead when it is not one. */
export function parsed<T>(run: CliRun): T {
  try {
    return JSON.parse(run.stdout) as T;
  } catch {
    throw new Error(`stdout is not one JSON document (exit ${run.exitCode}):\n${run.stdout}\nstderr:\n${run.stderr}`);
  }
}

export interface ErrorJson {
  error: { code: string; message: string; fieldErrors?: Record<string, string[]> };
}
