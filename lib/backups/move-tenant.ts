import { createReadStream, createWriteStream } from "node:fs";
import { rename, rm } from "node:fs/promises";
import { buffer } from "node:stream/consumers";
import { pipeline } from "node:stream/promises";
import tar from "tar-stream";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { loadMigrations } from "@/lib/db/migrations";
import { ownerPool } from "@/lib/db/pools";
import { tenantSchemaName } from "@/lib/db/schema-name";
import { env } from "@/lib/env/env";
import { AppError } from "@/lib/errors/app-error";
import { ensureBucket } from "@/lib/storage/s3";
import { backupStore, type BackupStore } from "./backup-store";
import { ChecksumStream } from "./checksum-stream";
import { checksumQuery } from "./copy-table";
import { createBackup } from "./create-backup";
import { manifestSchema, tableLabel, type BackupManifest } from "./manifest";
import { restoreBackup } from "./restore-backup";
import { checkCompatibility } from "./restore-plan";
import { listSchemaTables, sharedTableQuery, sharedTenantTables, tenantTableQuery } from "./table-catalog";
import { listTenantObjects } from "./tenant-files";

/** The seed's migrate_tenant_between_environments report. */
export interface MoveReport {
  status: "success" | "error";
  message: string;
  details: { dataTransferred: number; tablesMigrated: number; filesMigrated: number };
  tenant: { id: string; slug: string };
  backup: string;
  checks?: Array<{ item: string; ok: boolean; detail: string }>;
}

const MANIFEST_ENTRY = "manifest.json";

/**
 * Exports a tenant to one tar file another environment can import: a fresh backup (kind `export`)
 * of this environment, packed as `manifest.json` followed by its table and file objects, streamed.
 * The tenant itself is only read.
 */
export async function exportTenant(slug: string, outFile: string, options: { store?: BackupStore } = {}): Promise<MoveReport> {
  const store = options.store ?? backupStore();
  const { manifest } = await createBackup(slug, { kind: "export", store });
  const base = store.backupPrefix(manifest.tenant.id, manifest.id);
  const partial = `${outFile}.partial`;
  const pack = tar.pack();
  const written = pipeline(pack, createWriteStream(partial));
  try {
    const json = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`);
    await new Promise<void>((resolve, reject) => pack.entry({ name: MANIFEST_ENTRY, size: json.length }, json, (error) => (error ? reject(error) : resolve())));
    const objects = [...manifest.tables.map((table) => ({ object: table.object, size: table.bytes })), ...manifest.files.map((file) => ({ object: file.object, size: file.size }))];
    for (const { object, size } of objects) {
      await pipeline(await store.getStream(`${base}${object}`), pack.entry({ name: object, size }));
    }
    pack.finalize();
    await written;
    await rename(partial, outFile);
  } catch (error) {
    pack.destroy();
    await written.catch(() => undefined);
    await rm(partial, { force: true });
    throw error;
  }
  await recordAuditEvent({ tenantId: manifest.tenant.id, action: "tenant.exported", target: manifest.id, metadata: { file: outFile } });
  return {
    status: "success",
    message: `Exported ${slug} to ${outFile}`,
    details: { dataTransferred: manifest.totals.tableBytes + manifest.totals.fileBytes, tablesMigrated: manifest.tables.length, filesMigrated: manifest.files.length },
    tenant: { id: manifest.tenant.id, slug: manifest.tenant.slug },
    backup: manifest.id,
  };
}

/**
 * Imports an export file into this environment (its DATABASE_URL, bucket and backup store): checks
 * the versions, copies every object into this environment's backup store checking each SHA-256,
 * restores it onto the tenant with the same id (prepared in place) or creates it with the same ids,
 * then re-reads the tenant here and compares row counts and checksums per table and file count and bytes.
 */
export async function importTenant(file: string, options: { slug?: string; store?: BackupStore } = {}): Promise<MoveReport> {
  const store = options.store ?? backupStore();
  await store.ensureBucket();
  await ensureBucket();
  const extract = tar.extract();
  const reading = pipeline(createReadStream(file), extract);
  let manifest: BackupManifest | undefined;
  const received = new Map<string, { sha256: string; bytes: number }>();
  try {
    for await (const entry of extract) {
      if (!manifest) {
        if (entry.header.name !== MANIFEST_ENTRY) throw new AppError({ code: "bad_request", message: `${file} is not a tenant export: it does not start with ${MANIFEST_ENTRY}` });
        const parsed = manifestSchema.safeParse(JSON.parse((await buffer(entry)).toString("utf8")));
        if (!parsed.success) throw new AppError({ code: "bad_request", message: `${file} has an invalid manifest: ${parsed.error.issues[0]?.message}` });
        manifest = parsed.data;
        checkCompatibility(manifest, await loadMigrations(env().MIGRATIONS_DIR, "tenant"));
        if (await backupExists(store, manifest)) throw new AppError({ code: "conflict", message: `Backup ${manifest.id} was already imported here` });
        continue;
      }
      const expected = [...manifest.tables.map((table) => table.object), ...manifest.files.map((each) => each.object)];
      if (!expected.includes(entry.header.name)) throw new AppError({ code: "bad_request", message: `${file} holds ${entry.header.name}, which its manifest does not list` });
      const checksum = new ChecksumStream();
      await Promise.all([pipeline(entry, checksum), store.putStream(`${store.backupPrefix(manifest.tenant.id, manifest.id)}${entry.header.name}`, checksum)]);
      received.set(entry.header.name, { sha256: checksum.digest(), bytes: checksum.bytes });
    }
    await reading;
  } catch (error) {
    extract.destroy();
    await reading.catch(() => undefined);
    if (manifest) await store.deletePrefix(store.backupPrefix(manifest.tenant.id, manifest.id)).catch(() => undefined);
    if (error instanceof AppError) throw error;
    throw new AppError({ code: "bad_request", message: `Cannot read ${file}: ${(error as Error).message}`, cause: error });
  }
  if (!manifest) throw new AppError({ code: "bad_request", message: `${file} is empty` });
  const damaged = [
    ...manifest.tables.map((table) => ({ item: `table ${tableLabel(table)}`, object: table.object, sha256: table.sha256 })),
    ...manifest.files.map((each) => ({ item: `file ${each.name}`, object: each.object, sha256: each.sha256 })),
  ].filter((item) => received.get(item.object)?.sha256 !== item.sha256);
  if (damaged.length > 0) {
    await store.deletePrefix(store.backupPrefix(manifest.tenant.id, manifest.id));
    throw new AppError({ code: "conflict", message: `${file} is damaged or incomplete: ${damaged.map((item) => item.item).join(", ")}; nothing was imported` });
  }
  await store.putJson(`${store.backupPrefix(manifest.tenant.id, manifest.id)}manifest.json`, manifest);
  await store.putJson(store.idKey(manifest.id), { tenantId: manifest.tenant.id, slug: manifest.tenant.slug });

  const existing = await ownerPool().query<{ slug: string }>("SELECT slug FROM public.tenants WHERE id = $1", [manifest.tenant.id]);
  const here = existing.rows[0];
  if (here && options.slug && options.slug !== here.slug) {
    throw new AppError({ code: "conflict", message: `Tenant ${manifest.tenant.id} exists here as "${here.slug}"; import it without --slug to update it` });
  }
  const restored = await restoreBackup(manifest.id, { store, ...(here ? {} : { createWithSameIds: { slug: options.slug ?? manifest.tenant.slug } }) });
  const checks = await verifyImported(manifest, restored.migratedForward.length > 0);
  const ok = checks.every((check) => check.ok);
  await recordAuditEvent({ tenantId: manifest.tenant.id, action: ok ? "tenant.imported" : "tenant.import_mismatch", target: manifest.id, metadata: { from: manifest.tenant.slug, checks: checks.filter((check) => !check.ok).length } });
  return {
    status: ok ? "success" : "error",
    message: ok
      ? `Imported ${manifest.tenant.slug} as ${restored.tenant.slug}${here ? " (updated in place)" : " (created)"}: every table and file verified`
      : `Imported ${manifest.tenant.slug} but verification failed: ${checks.filter((check) => !check.ok).map((check) => check.item).join(", ")}`,
    details: { dataTransferred: manifest.totals.tableBytes + manifest.totals.fileBytes, tablesMigrated: manifest.tables.length, filesMigrated: manifest.files.length },
    tenant: restored.tenant,
    backup: manifest.id,
    checks,
  };
}

async function backupExists(store: BackupStore, manifest: BackupManifest): Promise<boolean> {
  return (await store.getJson(store.idKey(manifest.id))) !== null;
}

/**
 * Re-reads the imported tenant: each table's COPY output (same stable order as a backup) must hash
 * to the manifest's SHA-256, or, after a forward migration, have its row count; the tenant row is
 * this environment's own and audit rows only grow, so those two are compared by count. Files: count and bytes.
 */
async function verifyImported(manifest: BackupManifest, migrated: boolean): Promise<Array<{ item: string; ok: boolean; detail: string }>> {
  const checks: Array<{ item: string; ok: boolean; detail: string }> = [];
  const schema = tenantSchemaName(manifest.tenant.id);
  const client = await ownerPool().connect();
  try {
    const tables = new Map((await listSchemaTables(client, schema)).map((table) => [table.name, table]));
    const shared = new Map((await sharedTenantTables(client)).map((each) => [each.entry.table, each]));
    for (const entry of manifest.tables) {
      const item = `table ${tableLabel(entry)}`;
      const query =
        entry.scope === "tenant"
          ? tables.get(entry.name) && tenantTableQuery(schema, tables.get(entry.name)!)
          : shared.get(entry.name) && sharedTableQuery(shared.get(entry.name)!.entry, shared.get(entry.name)!.table, manifest.tenant.id);
      if (!query) {
        checks.push({ item, ok: false, detail: "missing here" });
        continue;
      }
      const here = await checksumQuery(client, query);
      const byCount = migrated || entry.name === "tenants" || entry.name === "audit_logs";
      const ok = byCount ? (entry.name === "audit_logs" ? here.rows >= entry.rows : here.rows === entry.rows) : here.sha256 === entry.sha256 && here.rows === entry.rows;
      checks.push({ item, ok, detail: byCount ? `${here.rows} rows (backup: ${entry.rows})` : `${here.rows} rows, SHA-256 ${ok ? "matches" : `${here.sha256} ≠ ${entry.sha256}`}` });
    }
  } finally {
    client.release();
  }
  const objects = await listTenantObjects(manifest.tenant.id);
  const bytes = objects.reduce((sum, object) => sum + object.size, 0);
  checks.push({
    item: "files",
    ok: objects.length === manifest.totals.files && bytes === manifest.totals.fileBytes,
    detail: `${objects.length} files, ${bytes} bytes (backup: ${manifest.totals.files}, ${manifest.totals.fileBytes})`,
  });
  return checks;
}
