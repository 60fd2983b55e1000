import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import { listBaseBackups } from "./base-backup";
import { pitrPaths } from "./pitr-paths";

export interface PitrWindow {
  /** The oldest base backup's end: no restore-to-time target before it. */
  from: string;
  /** When the newest archived WAL segment was written: targets up to about then are covered. */
  to: string;
  baseBackups: Array<{ label: string; stoppedAt: string }>;
}

const WAL_SEGMENT = /^[0-9A-F]{24}$/;

/**
 * The cluster-wide point-in-time window, from this host's PITR_DIR (base backups and archived WAL), or
 * null when there is no base backup or no archived segment here (then restore-to-time is refused).
 */
export async function readPitrWindow(): Promise<PitrWindow | null> {
  const bases = await listBaseBackups();
  if (bases.length === 0) return null;
  const { wal } = pitrPaths();
  const segments = (await readdir(wal).catch(() => [] as string[])).filter((name) => WAL_SEGMENT.test(name)).sort();
  const newest = segments.at(-1);
  if (!newest) return null;
  const written = (await stat(path.join(wal, newest))).mtime;
  return { from: bases[0]!.stoppedAt, to: written.toISOString(), baseBackups: bases.map(({ label, stoppedAt }) => ({ label, stoppedAt })) };
}
