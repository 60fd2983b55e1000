import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, mkdirSync } from "node:fs";
import http from "node:http";
import path from "node:path";

// `next start` on a production build, as e2e/global-setup.ts and scripts/bench-http.ts run it.

const SERVER_READY_TIMEOUT_MS = 60_000;

/** `next start` in its own process group (so stopping it stops anything it spawned), output to `logFile`; `nodeArgs` go to node (`--cpu-prof`). */
export function startNext(port: number, env: NodeJS.ProcessEnv, logFile: string, nodeArgs: string[] = []): ChildProcess {
  mkdirSync(path.dirname(logFile), { recursive: true });
  const log = createWriteStream(logFile);
  const child = spawn(process.execPath, [...nodeArgs, path.resolve("node_modules/next/dist/bin/next"), "start", "--port", String(port)], {
    env,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  return child;
}

export function stopProcessGroup(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return resolve();
    const pid = child.pid;
    const forceKill = setTimeout(() => process.kill(-pid, "SIGKILL"), 10_000);
    child.once("exit", () => {
      clearTimeout(forceKill);
      resolve();
    });
    process.kill(-pid, "SIGTERM");
  });
}

function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const request = http.get({ host: "127.0.0.1", port, path: "/", headers: { host: `localhost:${port}` }, timeout: 5_000 }, (response) => {
      response.resume();
      resolve(response.statusCode !== undefined && response.statusCode < 500);
    });
    request.on("timeout", () => request.destroy());
    request.on("error", () => resolve(false));
  });
}

export async function waitUntilAnswering(child: ChildProcess, port: number, logFile: string): Promise<void> {
  const deadline = Date.now() + SERVER_READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`next start exited (${child.exitCode ?? child.signalCode}); see ${logFile}`);
    if (await answers(port)) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`next start did not answer on port ${port} within ${SERVER_READY_TIMEOUT_MS} ms; see ${logFile}`);
}
