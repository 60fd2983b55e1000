import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import net from "node:net";
import path from "node:path";
import getPort from "get-port";

export interface EmbeddedS3Handle {
  endpoint: string;
  port: number;
  stop: () => Promise<void>;
}

async function waitForPort(port: number, child: ChildProcess, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`s3rver exited with code ${child.exitCode}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect({ host: "127.0.0.1", port }, () => {
        socket.end();
        resolve(true);
      });
      socket.on("error", () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`s3rver did not listen on ${port} within ${timeoutMs} ms`);
}

/**
 * Runs s3rver (an S3-compatible server) in a child process. It needs the legacy OpenSSL provider on
 * Node 20 for paginated listings, so it gets that flag alone instead of the whole app.
 */
/** `port`: exactly this one (a restart on the address clients already have); else a free one near `preferredPort`. */
export async function startEmbeddedS3(options: { dir: string; bucket: string; preferredPort?: number; port?: number }): Promise<EmbeddedS3Handle> {
  const dir = path.resolve(options.dir);
  mkdirSync(dir, { recursive: true });
  const port = options.port ?? (await getPort({ port: options.preferredPort ?? 45680 }));
  const bin = createRequire(import.meta.url).resolve("s3rver/bin/s3rver.js");
  const child = spawn(
    process.execPath,
    ["--openssl-legacy-provider", bin, "-d", dir, "-a", "127.0.0.1", "-p", String(port), "--silent", "--configure-bucket", options.bucket],
    { stdio: ["ignore", "ignore", "pipe"] },
  );
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  try {
    await waitForPort(port, child);
  } catch (error) {
    child.kill("SIGKILL");
    throw new Error(`${(error as Error).message}\n${stderr}`);
  }
  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}
