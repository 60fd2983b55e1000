import { copyFile, mkdir, readdir, readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { ownerPool } from "@/lib/db/pools";
import { AppError } from "@/lib/errors/app-error";
import { pitrPaths } from "./pitr-paths";

export interface BaseBackup {
  label: string;
  dir: string;
  /** The backup is consistent from this moment: a recovery target must lie after it. */
  stoppedAt: string;
  startLsn: string;
  stopLsn: string;
}

/** Files a base backup leaves out (PostgreSQL docs, "Making a Base Backup Using the Low Level API"). */
const SKIPPED = new Set(["postmaster.pid", "postmaster.opts", "pg_wal", "pg_replslot", "pg_stat_tmp", "pg_dynshmem", "pg_notify", "pg_serial", "pg_snapshots", "pg_subtrans"]);

async function copyTree(from: string, to: string, top: boolean): Promise<number> {
  await mkdir(to, { recursive: true, mode: 0o700 });
  let bytes = 0;
  for (const entry of await readdir(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    const target = path.join(to, entry.name);
    if (top && SKIPPED.has(entry.name)) {
      if (entry.isDirectory()) await mkdir(target, { recursive: true, mode: 0o700 });
      continue;
    }
    try {
      if (entry.isDirectory()) bytes += await copyTree(source, target, false);
      else if (entry.isFile()) {
        await copyFile(source, target);
        bytes += (await stat(target)).size;
      }
    } catch (error) {
      // A file the server removed while we copied (temporary files): WAL replay recreates what matters.
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    }
  }
  return bytes;
}

/**
 * Takes a base backup of the whole cluster with the low-level API (there is no pg_basebackup here):
 * pg_backup_start, a file copy of the data directory, pg_backup_stop, and its backup_label written into
 * the copy. Needs a superuser DATABASE_URL on the same host as the server, and WAL archiving on.
 */
export async function takeBaseBackup(): Promise<BaseBackup> {
  const client = await ownerPool().connect();
  try {
    const settings = await client.query<{ archive_mode: string; data_directory: string }>(
      "SELECT current_setting('archive_mode') AS archive_mode, current_setting('data_directory') AS data_directory",
    );
    const { archive_mode: archiveMode, data_directory: dataDirectory } = settings.rows[0]!;
    if (archiveMode !== "on" && archiveMode !== "always") {
      throw new AppError({ code: "conflict", message: "WAL archiving is off on this server (archive_mode); see docs/backups.md#point-in-time-recovery" });
    }
    const label = `base-${new Date().toISOString().replace(/[-:.]/g, "").toLowerCase()}`;
    const dir = path.join(pitrPaths().base, label);
    const started = await client.query<{ lsn: string }>("SELECT pg_backup_start($1, true)::text AS lsn", [label]);
    let stopped: { labelfile: string; spcmapfile: string; lsn: string; at: Date };
    try {
      await copyTree(dataDirectory, path.join(dir, "data"), true);
    } finally {
      const result = await client.query<{ labelfile: string; spcmapfile: string; lsn: string; at: Date }>(
        "SELECT labelfile, spcmapfile, lsn::text AS lsn, now() AS at FROM pg_backup_stop(true)",
      );
      stopped = result.rows[0]!;
    }
    await writeFile(path.join(dir, "data", "backup_label"), stopped.labelfile);
    if (stopped.spcmapfile) await writeFile(path.join(dir, "data", "tablespace_map"), stopped.spcmapfile);
    const backup: BaseBackup = { label, dir, stoppedAt: new Date(stopped.at).toISOString(), startLsn: started.rows[0]!.lsn, stopLsn: stopped.lsn };
    await writeFile(path.join(dir, "base-backup.json"), `${JSON.stringify(backup, null, 2)}\n`);
    await recordAuditEvent({ tenantId: null, action: "backup.base_backup", target: label, metadata: { stopLsn: backup.stopLsn } });
    return backup;
  } finally {
    client.release();
  }
}

export async function listBaseBackups(): Promise<BaseBackup[]> {
  const root = pitrPaths().base;
  const labels = await readdir(root).catch(() => [] as string[]);
  const found: BaseBackup[] = [];
  for (const label of labels) {
    const text = await readFile(path.join(root, label, "base-backup.json"), "utf8").catch(() => null);
    if (text) found.push(JSON.parse(text) as BaseBackup);
  }
  return found.sort((a, b) => (a.stoppedAt < b.stoppedAt ? -1 : 1));
}
