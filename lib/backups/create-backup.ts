import { randomBytes } from "node:crypto";
import type pg from "pg";
import { pipeline } from "node:stream/promises";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { ownerPool } from "@/lib/db/pools";
import { tenantSchemaName } from "@/lib/db/schema-name";
import { AppError } from "@/lib/errors/app-error";
import { findTenantBySlug } from "@/lib/tenants/find-tenant";
import { backupStore, type BackupStore } from "./backup-store";
import { ChecksumStream } from "./checksum-stream";
import { copyQueryToStore } from "./copy-table";
import { MANIFEST_FORMAT, MANIFEST_FORMAT_VERSION, summarize, type BackupManifest, type BackupSummary, type FileEntry, type TableEntry } from "./manifest";
import { mapWithConcurrency } from "./map-with-concurrency";
import { listSchemaTables, sharedTableQuery, sharedTenantTables, tenantTableQuery } from "./table-catalog";
import { listTenantObjects, readTenantObject } from "./tenant-files";

export interface BackupProgress {
  /** Bytes copied so far and the estimate of the total (table sizes on disk plus file sizes). */
  done: number;
  total: number;
  phase: "tables" | "files";
}

export interface CreateBackupOptions {
  kind?: BackupManifest["kind"];
  store?: BackupStore;
  /** Read the tables from this server instead of DATABASE_URL (a recovered point-in-time instance). */
  sourcePool?: pg.Pool;
  /** Leave the files out (a point-in-time extract takes them from a snapshot instead). */
  files?: boolean;
  onProgress?: (progress: BackupProgress) => void;
}

export function newBackupId(at: Date): string {
  const stamp = at.toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "z").replace("T", "t");
  return `bk-${stamp}-${randomBytes(4).toString("hex")}`;
}

/**
 * Backs up one tenant into the backup store. Its schema's tables and its rows in every declared shared
 * table are read in ONE repeatable-read, read-only transaction, so they agree with each other; each
 * table is streamed out with COPY. Then its objects are streamed across. The manifest (versions, row
 * counts, SHA-256 of every table and file) is written last: a backup without one is incomplete and
 * is neither listed nor restorable.
 */
export async function createBackup(slug: string, options: CreateBackupOptions = {}): Promise<{ manifest: BackupManifest; summary: BackupSummary }> {
  const tenant = await findTenantBySlug(slug);
  if (tenant.status === "deleted" || tenant.status === "provisioning") {
    throw new AppError({ code: "conflict", message: `Tenant "${slug}" is ${tenant.status}: there is nothing to back up` });
  }
  const store = options.store ?? backupStore();
  await store.ensureBucket();
  const schema = tenantSchemaName(tenant.id);
  const id = newBackupId(new Date());
  const base = store.backupPrefix(tenant.id, id);
  let done = 0;
  let total = 0;
  const report = (phase: BackupProgress["phase"]) => (bytes: number) => {
    done += bytes;
    options.onProgress?.({ done, total: Math.max(total, done), phase });
  };

  try {
    const snapshot = await readDatabaseSnapshot(options.sourcePool ?? ownerPool(), tenant.id, schema, store, base, (estimate) => (total += estimate), report("tables"));
    const objects = options.files === false ? [] : await listTenantObjects(tenant.id);
    total += objects.reduce((sum, object) => sum + object.size, 0);
    const files = await mapWithConcurrency(objects, store.config.fileConcurrency, async (object, index): Promise<FileEntry> => {
      const source = await readTenantObject(tenant.id, object.name);
      const checksum = new ChecksumStream(report("files"));
      const key = `files/${String(index).padStart(6, "0")}`;
      await Promise.all([pipeline(source.body, checksum), store.putStream(`${base}${key}`, checksum, source.contentType)]);
      return {
        name: object.name,
        size: checksum.bytes,
        sha256: checksum.digest(),
        contentType: source.contentType,
        metadata: source.metadata,
        etag: object.etag,
        object: key,
      };
    });
    const manifest: BackupManifest = {
      format: MANIFEST_FORMAT,
      formatVersion: MANIFEST_FORMAT_VERSION,
      id,
      kind: options.kind ?? "manual",
      createdAt: snapshot.at,
      tenant: { id: tenant.id, slug: snapshot.slug, name: snapshot.name, plan: snapshot.plan, status: snapshot.status },
      schemaVersion: snapshot.schemaVersion,
      tenantMigrations: snapshot.migrations,
      sharedSchemaVersion: snapshot.sharedSchemaVersion,
      postgresVersion: snapshot.postgresVersion,
      tables: snapshot.tables,
      files,
      totals: {
        rows: snapshot.tables.reduce((sum, table) => sum + table.rows, 0),
        tableBytes: snapshot.tables.reduce((sum, table) => sum + table.bytes, 0),
        files: files.length,
        fileBytes: files.reduce((sum, file) => sum + file.size, 0),
      },
    };
    await store.putJson(`${base}manifest.json`, manifest);
    await store.putJson(store.idKey(id), { tenantId: tenant.id, slug: snapshot.slug });
    const summary = summarize(manifest);
    await recordAuditEvent({
      tenantId: tenant.id,
      action: "backup.created",
      target: id,
      metadata: { kind: manifest.kind, schemaVersion: manifest.schemaVersion, rows: manifest.totals.rows, files: manifest.totals.files, bytes: summary.bytes },
    });
    return { manifest, summary };
  } catch (error) {
    await store.deletePrefix(base).catch(() => undefined);
    await recordAuditEvent({ tenantId: tenant.id, action: "backup.failed", target: id, metadata: { error: (error as Error).message } }).catch(() => undefined);
    if (error instanceof AppError) throw error;
    throw new AppError({ code: "internal", message: `Backup of "${slug}" failed; nothing was kept (${(error as Error).message})`, cause: error });
  }
}

interface DatabaseSnapshot {
  at: string;
  slug: string;
  name: string;
  plan: string;
  status: string;
  schemaVersion: string;
  sharedSchemaVersion: string;
  postgresVersion: string;
  migrations: BackupManifest["tenantMigrations"];
  tables: TableEntry[];
}

async function readDatabaseSnapshot(
  pool: pg.Pool,
  tenantId: string,
  schema: string,
  store: BackupStore,
  base: string,
  addEstimate: (bytes: number) => void,
  onBytes: (bytes: number) => void,
): Promise<DatabaseSnapshot> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    const head = await client.query<{ at: Date; pg: string; slug: string; name: string; plan_id: string; status: string }>(
      `SELECT now() AS at, current_setting('server_version') AS pg, slug, name, plan_id, status FROM public.tenants WHERE id = $1`,
      [tenantId],
    );
    const tenantRow = head.rows[0];
    if (!tenantRow) throw new AppError({ code: "not_found", message: `Tenant ${tenantId} disappeared` });
    const schemaExists = await client.query("SELECT 1 FROM pg_namespace WHERE nspname = $1", [schema]);
    if (schemaExists.rowCount !== 1) throw new AppError({ code: "conflict", message: `Tenant ${tenantRow.slug} has no schema ${schema}: nothing consistent to back up` });
    const migrations = await client.query<{ version: string; name: string; checksum: string }>(
      "SELECT version, name, checksum FROM public.schema_migrations WHERE schema_name = $1 ORDER BY version",
      [schema],
    );
    const shared = await client.query<{ version: string | null }>("SELECT max(version) AS version FROM public.schema_migrations WHERE schema_name = 'public'");
    const size = await client.query<{ bytes: string }>(
      "SELECT coalesce(sum(pg_relation_size(c.oid)), 0) AS bytes FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind = 'r'",
      [schema],
    );
    addEstimate(Number(size.rows[0]?.bytes ?? 0));

    const tables: TableEntry[] = [];
    for (const table of await listSchemaTables(client, schema)) {
      const object = `tables/tenant.${table.name}.copy`;
      const copied = await copyQueryToStore(client, tenantTableQuery(schema, table), store, `${base}${object}`, onBytes);
      tables.push({ scope: "tenant", name: table.name, columns: table.columns, ...copied, object });
    }
    for (const { entry, table } of await sharedTenantTables(client)) {
      const object = `tables/shared.${table.name}.copy`;
      const copied = await copyQueryToStore(client, sharedTableQuery(entry, table, tenantId), store, `${base}${object}`, onBytes);
      tables.push({ scope: "shared", name: table.name, columns: table.columns, ...copied, object });
    }
    await client.query("COMMIT");
    const last = migrations.rows.at(-1);
    return {
      at: tenantRow.at.toISOString(),
      slug: tenantRow.slug,
      name: tenantRow.name,
      plan: tenantRow.plan_id,
      status: tenantRow.status,
      schemaVersion: last?.version ?? "0000",
      sharedSchemaVersion: shared.rows[0]?.version ?? "0000",
      postgresVersion: tenantRow.pg,
      migrations: migrations.rows,
      tables,
    };
  } catch (error) {
    broken = error as Error;
    throw error;
  } finally {
    // A connection left mid-COPY cannot be reused: destroy it.
    client.release(broken);
  }
}
