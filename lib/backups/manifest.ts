import { z } from "zod";

export const MANIFEST_FORMAT = "asset-anchor.tenant-backup";
export const MANIFEST_FORMAT_VERSION = 1;

const BACKUP_ID_PATTERN = /^bk-\d{8}t\d{6}z-[0-9a-f]{8}$/;

export function isBackupId(value: string): boolean {
  return BACKUP_ID_PATTERN.test(value);
}

const sha256 = z.string().regex(/^[0-9a-f]{64}$/);

const migrationSchema = z.object({ version: z.string(), name: z.string(), checksum: sha256 });

export const tableEntrySchema = z.object({
  /** `tenant`: a table of the tenant's schema; `shared`: the tenant's rows of a table in `public`. */
  scope: z.enum(["tenant", "shared"]),
  name: z.string().regex(/^[a-z_][a-z0-9_]*$/),
  columns: z.array(z.string().regex(/^[a-z_][a-z0-9_]*$/)).min(1),
  rows: z.number().int().min(0),
  bytes: z.number().int().min(0),
  sha256,
  /** Key of the data object in the backup store, relative to the backup's prefix. */
  object: z.string(),
});

export const fileEntrySchema = z.object({
  /** Key below the tenant's prefix in the app bucket. */
  name: z.string().min(1),
  size: z.number().int().min(0),
  sha256,
  contentType: z.string(),
  metadata: z.record(z.string(), z.string()),
  /** The source object's ETag when it was copied (tells a restore which live objects are unchanged). */
  etag: z.string(),
  object: z.string(),
});

export const manifestSchema = z.object({
  format: z.literal(MANIFEST_FORMAT),
  formatVersion: z.literal(MANIFEST_FORMAT_VERSION),
  id: z.string().refine(isBackupId),
  kind: z.enum(["manual", "scheduled", "final", "export", "point-in-time"]),
  createdAt: z.string(),
  tenant: z.object({ id: z.uuid(), slug: z.string(), name: z.string(), plan: z.string(), status: z.string() }),
  /** The highest tenant migration applied to the schema when the snapshot was taken. */
  schemaVersion: z.string(),
  tenantMigrations: z.array(migrationSchema),
  sharedSchemaVersion: z.string(),
  postgresVersion: z.string(),
  tables: z.array(tableEntrySchema),
  files: z.array(fileEntrySchema),
  totals: z.object({ rows: z.number().int(), tableBytes: z.number().int(), files: z.number().int(), fileBytes: z.number().int() }),
});

export type BackupManifest = z.infer<typeof manifestSchema>;
export type TableEntry = z.infer<typeof tableEntrySchema>;
export type FileEntry = z.infer<typeof fileEntrySchema>;

/** What `backups create`, `list` and `show` print for one backup. */
export interface BackupSummary {
  id: string;
  tenant: { id: string; slug: string };
  kind: BackupManifest["kind"];
  createdAt: string;
  schemaVersion: string;
  tables: Record<string, number>;
  files: number;
  bytes: number;
}

export function tableLabel(entry: Pick<TableEntry, "scope" | "name">): string {
  return entry.scope === "shared" ? `public.${entry.name}` : entry.name;
}

export function summarize(manifest: BackupManifest): BackupSummary {
  return {
    id: manifest.id,
    tenant: { id: manifest.tenant.id, slug: manifest.tenant.slug },
    kind: manifest.kind,
    createdAt: manifest.createdAt,
    schemaVersion: manifest.schemaVersion,
    tables: Object.fromEntries(manifest.tables.map((table) => [tableLabel(table), table.rows])),
    files: manifest.totals.files,
    bytes: manifest.totals.tableBytes + manifest.totals.fileBytes,
  };
}
