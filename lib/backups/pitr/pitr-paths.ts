import path from "node:path";

/** Where continuous archiving puts WAL and where base backups go: PITR_DIR, default `<ANCHOR_DATA_DIR or .data>/pitr` (as scripts/dev.ts). */
export function pitrPaths(): { root: string; wal: string; base: string } {
  const root = path.resolve(process.env.PITR_DIR ?? path.join(process.env.ANCHOR_DATA_DIR ?? ".data", "pitr"));
  return { root, wal: path.join(root, "wal"), base: path.join(root, "base") };
}
