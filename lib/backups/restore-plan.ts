import { AppError } from "@/lib/errors/app-error";
import type { Migration } from "@/lib/db/migrations";
import type { BackupManifest } from "./manifest";

/** Shared tables a partial restore may name; the others (users, tokens, audit) only come back whole. */
export const PARTIAL_SHARED_TABLES = ["tenant_settings"] as const;

export interface RestoreSelection {
  /** Tables of the tenant schema to take from the backup (all of them in a full restore). */
  tenantTables: string[];
  /** Shared tables whose tenant rows are replaced from the backup. */
  sharedTables: string[];
  files: boolean;
  mode: "full" | "partial" | "clone";
}

/**
 * What a restore takes from the backup. Without --tables: every table and (unless --no-files) the
 * files. With --tables: only those (files only with --files). --files alone: files only.
 */
export function planSelection(manifest: BackupManifest, options: { tables?: string[]; files?: boolean; clone: boolean }): RestoreSelection {
  // A point-in-time extract has no files (they have no WAL): restoring "its" files would delete the tenant's.
  if (manifest.kind === "point-in-time") {
    if (options.files === true) throw new AppError({ code: "bad_request", message: `Backup ${manifest.id} is a point-in-time extract without files; restore files from a snapshot backup` });
    options = { ...options, files: false };
  }
  const tenantTables = manifest.tables.filter((table) => table.scope === "tenant").map((table) => table.name);
  const sharedTables = manifest.tables.filter((table) => table.scope === "shared").map((table) => table.name);
  if (options.clone) {
    if (options.tables) throw new AppError({ code: "bad_request", message: "--as-new-slug restores the whole backup; it cannot be combined with --tables" });
    return { tenantTables, sharedTables, files: options.files !== false, mode: "clone" };
  }
  if (!options.tables) {
    if (options.files === true) return { tenantTables: [], sharedTables: [], files: true, mode: "partial" };
    return { tenantTables, sharedTables, files: options.files !== false, mode: "full" };
  }
  const allowed = [...tenantTables, ...PARTIAL_SHARED_TABLES];
  const unknown = options.tables.filter((name) => !allowed.includes(name));
  if (unknown.length > 0 || options.tables.length === 0) {
    throw new AppError({
      code: "bad_request",
      message: `Cannot restore ${unknown.length > 0 ? `unknown table(s) ${unknown.join(", ")}` : "an empty table list"}; --tables takes some of: ${allowed.join(", ")}`,
    });
  }
  return {
    tenantTables: tenantTables.filter((name) => options.tables!.includes(name)),
    sharedTables: PARTIAL_SHARED_TABLES.filter((name) => options.tables!.includes(name)),
    files: options.files === true,
    mode: "partial",
  };
}

/**
 * A backup restores onto this code's migrations only if every migration it was taken at is one of
 * ours, unchanged; it is then migrated forward. A backup from a newer (or a diverged) version is refused.
 */
export function checkCompatibility(manifest: BackupManifest, migrations: Migration[]): { upToBackup: Migration[]; forward: string[] } {
  const local = new Map(migrations.map((migration) => [migration.version, migration]));
  const latest = migrations.at(-1)?.version ?? "0000";
  if (manifest.schemaVersion > latest) {
    throw new AppError({
      code: "conflict",
      message: `Backup ${manifest.id} was taken at tenant schema version ${manifest.schemaVersion}, newer than this deployment's ${latest}: deploy the newer release to restore it`,
    });
  }
  for (const taken of manifest.tenantMigrations) {
    const ours = local.get(taken.version);
    if (!ours || ours.checksum !== taken.checksum) {
      throw new AppError({
        code: "conflict",
        message: `Backup ${manifest.id} was taken with tenant migration ${taken.version}_${taken.name} that ${ours ? "differs from" : "is missing in"} this deployment's: incompatible version`,
      });
    }
  }
  const upToBackup = migrations.filter((migration) => migration.version <= manifest.schemaVersion);
  return { upToBackup, forward: migrations.filter((migration) => migration.version > manifest.schemaVersion).map((migration) => migration.version) };
}
