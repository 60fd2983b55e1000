import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdirSync } from "node:fs";
import net from "node:net";

export interface RedisServer {
  url: string;
  port: number;
  /** The redis-server process itself (tests pause it with SIGSTOP to simulate a stalled Redis). */
  child: ChildProcess;
  /** Stops it with the server's stop signal and resolves once it exited. */
  stop(): Promise<void>;
}

export interface RedisServerOptions {
  /** A port of 127.0.0.1 (default: a free one); a restarted test server takes its predecessor's. */
  port?: number;
  /** Where it keeps an RDB snapshot (so dev metering survives a restart); without it nothing is kept. */
  dataDir?: string;
  /** SIGTERM lets it save first; tests kill it outright. */
  stopSignal?: NodeJS.Signals;
}

/** Whether a `redis-server` binary is on PATH. */
export function redisServerOnPath(): boolean {
  const probe = spawnSync("redis-server", ["--version"], { stdio: "ignore" });
  return probe.error === undefined && probe.status === 0;
}

/** A free TCP port on 127.0.0.1 (bound and released). */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A redis-server on 127.0.0.1, resolved once it accepts connections (at most 10 s). */
export async function startRedisServer(options: RedisServerOptions = {}): Promise<RedisServer> {
  const port = options.port ?? (await freePort());
  const persistence = options.dataDir ? ["--dir", options.dataDir, "--save", "60 1"] : ["--save", ""];
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const child = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", ...persistence, "--appendonly", "no"], { stdio: ["ignore", "pipe", "pipe"] });
  await new Promise<void>((resolve, reject) => {
    let output = "";
    const timer = setTimeout(() => reject(new Error(`redis-server did not start within 10 s: ${output}`)), 10_000);
    child.stdout!.setEncoding("utf8").on("data", (chunk: string) => {
      output += chunk;
      if (output.includes("Ready to accept connections")) {
        clearTimeout(timer);
        child.stdout!.resume();
        resolve();
      }
    });
    child.stderr!.resume();
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`redis-server exited (${code}): ${output}`)));
  });
  const stopSignal = options.stopSignal ?? "SIGTERM";
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill(stopSignal);
      }),
  };
}

/** The redis-server of `npm run dev`, its snapshot under `dir`, on a free port. */
export function startEmbeddedRedis(dir: string): Promise<RedisServer> {
  return startRedisServer({ dataDir: dir });
}
