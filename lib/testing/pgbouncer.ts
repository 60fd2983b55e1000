import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { chmod, mkdtemp, rm, writeFile } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";

export const PGBOUNCER_PATHS = ["/usr/sbin/pgbouncer", "/usr/bin/pgbouncer", "/usr/local/bin/pgbouncer"];

export function pgbouncerBinary(): string | null {
  return PGBOUNCER_PATHS.find((candidate) => existsSync(candidate)) ?? null;
}

export interface PgBouncer {
  port: number;
  /** `postgres://user:password@127.0.0.1:<port>/<database>` through the pooler. */
  urlFor(user: string, password: string): string;
  stop(): Promise<void>;
}

export interface PgBouncerOptions {
  /** The real server's database URL (host, port and database are taken from it). */
  serverUrl: string;
  users: { name: string; password: string }[];
  defaultPoolSize: number;
  maxClientConnections: number;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function acceptsConnections(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

const quoted = (value: string) => `"${value.replace(/"/g, '""')}"`;

/**
 * Debian's pgbouncer in transaction mode in front of one database, configured in a temp dir on a free
 * loopback port (as `nobody` when run as root, which pgbouncer refuses to be).
 */
export async function startPgBouncer(options: PgBouncerOptions): Promise<PgBouncer> {
  const binary = pgbouncerBinary();
  if (!binary) throw new Error(`pgbouncer is not installed (looked in ${PGBOUNCER_PATHS.join(", ")}); .ci/run installs Debian's package`);
  const server = new URL(options.serverUrl);
  const database = server.pathname.slice(1);
  const port = await freePort();
  const dir = await mkdtemp(path.join(os.tmpdir(), "anchor-pgbouncer-"));
  await chmod(dir, 0o755);
  const ini = [
    "[databases]",
    `${database} = host=${server.hostname} port=${server.port || 5432} dbname=${database}`,
    "[pgbouncer]",
    "listen_addr = 127.0.0.1",
    `listen_port = ${port}`,
    "unix_socket_dir =",
    "auth_type = scram-sha-256",
    `auth_file = ${path.join(dir, "userlist.txt")}`,
    "pool_mode = transaction",
    `default_pool_size = ${options.defaultPoolSize}`,
    "min_pool_size = 0",
    "reserve_pool_size = 0",
    `max_client_conn = ${options.maxClientConnections}`,
    "server_lifetime = 300",
    "ignore_startup_parameters = extra_float_digits,options",
    "admin_users =",
  ].join("\n");
  await writeFile(path.join(dir, "pgbouncer.ini"), `${ini}\n`, { mode: 0o644 });
  await writeFile(path.join(dir, "userlist.txt"), options.users.map((user) => `${quoted(user.name)} ${quoted(user.password)}`).join("\n") + "\n", { mode: 0o644 });

  const args = [path.join(dir, "pgbouncer.ini")];
  if (process.getuid?.() === 0) args.unshift("-u", "nobody");
  const child: ChildProcess = spawn(binary, args, { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout?.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
  child.stderr?.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));

  const deadline = Date.now() + 10_000;
  while (!(await acceptsConnections(port))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill("SIGKILL");
      await rm(dir, { recursive: true, force: true });
      throw new Error(`pgbouncer did not start: ${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }

  return {
    port,
    urlFor: (user, password) => `postgres://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`,
    async stop() {
      if (child.exitCode === null) {
        child.kill("SIGTERM");
        await exited;
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}
