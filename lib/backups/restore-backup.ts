import { randomBytes, randomUUID } from "node:crypto";
import { pipeline } from "node:stream/promises";
import type pg from "pg";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { grantTenantSchema } from "@/lib/db/grants";
import { loadMigrations } from "@/lib/db/migrations";
import { applyMigrations } from "@/lib/db/migrator";
import { ownerPool } from "@/lib/db/pools";
import { quoteIdent, tenantSchemaName } from "@/lib/db/schema-name";
import { appDatabaseRole, env } from "@/lib/env/env";
import { AppError } from "@/lib/errors/app-error";
import { slugSchema } from "@/lib/tenancy/slug";
import { publishTenantChange } from "@/lib/tenants/publish-tenant-change";
import { TENANT_SHARED_TABLES, type TenantSharedTable } from "@/lib/tenants/tenant-shared-tables";
import { backupStore, type BackupStore } from "./backup-store";
import { ChecksumStream } from "./checksum-stream";
import { copyStreamIntoTable } from "./copy-table";
import { existingTenantId, findBackup } from "./find-backup";
import { mapWithConcurrency } from "./map-with-concurrency";
import { tableLabel, type BackupManifest, type FileEntry, type TableEntry } from "./manifest";
import { checkCompatibility, planSelection, type RestoreSelection } from "./restore-plan";
import { columnList, listSchemaTables, sharedRowsCondition, withoutForeignKeys } from "./table-catalog";
import { TENANT_OBJECT_KEY_COLUMNS, TENANT_USER_REFERENCES } from "./tenant-references";
import { deleteTenantObjects, listTenantObjects, writeTenantObject, type TenantObject } from "./tenant-files";

/** Points a test (or an operator's dry run) can stop at; a throw there must leave the target as it was. */
export type RestoreStep = "validated" | "schema-loaded" | "migrated" | "shared-staged" | "files-staged" | "swapped" | "committed";

export interface RestoreOptions {
  tables?: string[];
  files?: boolean;
  /** Restore as a new tenant with this slug (a clone): new tenant id, users with new ids. */
  asNewSlug?: string;
  /** The tenant the operator means to restore onto; refused unless it is the backup's own. */
  toSlug?: string;
  /** Import into another environment: create the tenant with the backup's own ids (and slug, or this one). */
  createWithSameIds?: { slug: string };
  store?: BackupStore;
  migrationsRoot?: string;
  onStep?: (step: RestoreStep) => void | Promise<void>;
  onProgress?: (progress: { done: number; total: number }) => void;
}

export interface RestoreResult {
  backup: string;
  tenant: { id: string; slug: string };
  mode: RestoreSelection["mode"];
  schemaVersion: { backup: string; restored: string };
  migratedForward: string[];
  tables: Record<string, number>;
  files: { restored: number; unchanged: number; removed: number } | null;
}

interface Target {
  id: string;
  slug: string;
  /** The tenant row does not exist yet (clone, import). */
  create: boolean;
  /** Users get new ids (clone); an import keeps them. */
  newUserIds: boolean;
}

const RESTORE_LOCK_KEY = 4_727_012;

export async function restoreBackup(backupId: string, options: RestoreOptions = {}): Promise<RestoreResult> {
  const store = options.store ?? backupStore();
  const manifest = await findBackup(backupId, store);
  const target = await resolveTarget(manifest, options);
  const selection = planSelection(manifest, { tables: options.tables, files: options.files, clone: target.create });
  const migrations = await loadMigrations(options.migrationsRoot ?? env().MIGRATIONS_DIR, "tenant");
  const { upToBackup, forward } = checkCompatibility(manifest, migrations);
  const restoredVersion = migrations.at(-1)?.version ?? manifest.schemaVersion;
  const progress = progressCounter(manifest, selection, options.onProgress);
  await options.onStep?.("validated");

  const written: string[] = [];
  let committed = false;
  try {
    const liveObjects = selection.files ? await listTenantObjects(target.id) : [];
    const restoresDatabase = selection.tenantTables.length > 0 || selection.sharedTables.length > 0;
    let tables: Record<string, number> = {};
    if (restoresDatabase) {
      const client = await ownerPool().connect();
      let broken: Error | undefined;
      try {
        await client.query("BEGIN");
        tables = await restoreDatabase(client, { manifest, target, selection, store, upToBackup, migrations, progress, onStep: options.onStep });
        if (selection.files) written.push(...(await stageNewFiles(manifest, target, liveObjects, store, progress)));
        await options.onStep?.("files-staged");
        await options.onStep?.("swapped");
        await client.query("COMMIT");
        committed = true;
      } catch (error) {
        broken = error as Error;
        throw error;
      } finally {
        // A connection that failed mid-COPY cannot be reused; destroying it also rolls back.
        client.release(broken);
      }
    } else if (selection.files) {
      written.push(...(await stageNewFiles(manifest, target, liveObjects, store, progress)));
      await options.onStep?.("files-staged");
    }
    committed = true;
    await publishTenantChange(target.id);
    await options.onStep?.("committed");
    const files = selection.files ? await finishFiles(manifest, target, liveObjects, written.length, store, progress) : null;
    const result: RestoreResult = {
      backup: manifest.id,
      tenant: { id: target.id, slug: target.slug },
      mode: selection.mode,
      schemaVersion: { backup: manifest.schemaVersion, restored: selection.tenantTables.length > 0 ? restoredVersion : manifest.schemaVersion },
      migratedForward: selection.tenantTables.length > 0 ? forward : [],
      tables,
      files,
    };
    await recordAuditEvent({
      tenantId: target.id,
      action: "backup.restored",
      target: manifest.id,
      metadata: { mode: selection.mode, from: manifest.tenant.id, tables: Object.keys(tables), files: files ? files.restored : null, migratedForward: result.migratedForward },
    });
    return result;
  } catch (error) {
    if (!committed && written.length > 0) await deleteTenantObjects(target.id, written).catch(() => undefined);
    await recordAuditEvent({
      tenantId: await existingTenantId(target.id),
      action: "backup.restore_failed",
      target: manifest.id,
      metadata: { mode: selection.mode, committed, error: (error as Error).message },
    }).catch(() => undefined);
    if (error instanceof AppError) throw error;
    const state = committed ? "the database part was committed; re-run the restore to finish the files" : "nothing was changed";
    throw new AppError({ code: "internal", message: `Restore of ${manifest.id} onto ${target.slug} failed; ${state} (${(error as Error).message})`, cause: error });
  }
}

async function resolveTarget(manifest: BackupManifest, options: RestoreOptions): Promise<Target> {
  if (options.asNewSlug !== undefined || options.createWithSameIds) {
    const slug = slugSchema.safeParse(options.asNewSlug ?? options.createWithSameIds!.slug);
    if (!slug.success) throw AppError.fromZod(slug.error, "Cannot restore as a new tenant");
    const taken = await ownerPool().query("SELECT 1 FROM public.tenants WHERE slug = $1", [slug.data]);
    if (taken.rowCount) throw new AppError({ code: "conflict", message: `Cannot restore as "${slug.data}": the slug is already taken` });
    if (options.createWithSameIds) return { id: manifest.tenant.id, slug: slug.data, create: true, newUserIds: false };
    return { id: randomUUID(), slug: slug.data, create: true, newUserIds: true };
  }
  const { rows } = await ownerPool().query<{ slug: string }>("SELECT slug FROM public.tenants WHERE id = $1", [manifest.tenant.id]);
  const own = rows[0];
  if (options.toSlug !== undefined && options.toSlug !== own?.slug) {
    throw new AppError({
      code: "conflict",
      message: `Backup ${manifest.id} belongs to tenant "${manifest.tenant.slug}", not "${options.toSlug}": restore it with --as-new-slug to make a copy`,
    });
  }
  if (!own) throw new AppError({ code: "not_found", message: `The tenant of backup ${manifest.id} ("${manifest.tenant.slug}") does not exist here: restore it with --as-new-slug` });
  return { id: manifest.tenant.id, slug: own.slug, create: false, newUserIds: false };
}

function progressCounter(manifest: BackupManifest, selection: RestoreSelection, onProgress?: (progress: { done: number; total: number }) => void) {
  const total =
    manifest.tables.filter((table) => selection.tenantTables.includes(table.name) || selection.sharedTables.includes(table.name)).reduce((sum, table) => sum + table.bytes, 0) +
    (selection.files ? manifest.totals.fileBytes : 0);
  let done = 0;
  return (bytes: number) => {
    done += bytes;
    onProgress?.({ done, total: Math.max(done, total) });
  };
}

interface DatabaseRestore {
  manifest: BackupManifest;
  target: Target;
  selection: RestoreSelection;
  store: BackupStore;
  upToBackup: Parameters<typeof applyMigrations>[2];
  migrations: Parameters<typeof applyMigrations>[2];
  progress: (bytes: number) => void;
  onStep?: RestoreOptions["onStep"];
}

function checksumMismatch(manifest: BackupManifest, item: string, expected: { sha256: string; rows?: number }, actual: { sha256: string; rows?: number }): AppError | null {
  if (expected.sha256 === actual.sha256 && expected.rows === actual.rows) return null;
  return new AppError({
    code: "conflict",
    message: `Backup ${manifest.id} is damaged: ${item} has SHA-256 ${actual.sha256} (${actual.rows ?? "?"} rows), the manifest says ${expected.sha256} (${expected.rows ?? "?"} rows); nothing was restored`,
  });
}

async function loadTable(client: pg.ClientBase, run: DatabaseRestore, entry: TableEntry, targetTable: string): Promise<number> {
  const source = await run.store.getStream(`${run.store.backupPrefix(run.manifest.tenant.id, run.manifest.id)}${entry.object}`);
  const loaded = await copyStreamIntoTable(client, source, targetTable, columnList(entry.columns), run.progress);
  const mismatch = checksumMismatch(run.manifest, `table ${tableLabel(entry)}`, entry, loaded);
  if (mismatch) throw mismatch;
  return loaded.rows;
}

/**
 * The database part, in the caller's transaction: the tenant schema is rebuilt aside (migrations up to
 * the backup's version, its data, then migrated forward; a partial restore takes the other tables
 * from the live schema), the shared rows are staged in temporary tables, then the aside schema is
 * renamed into place and the shared rows replaced. Nothing is visible before the caller commits.
 */
async function restoreDatabase(client: pg.PoolClient, run: DatabaseRestore): Promise<Record<string, number>> {
  const { manifest, target, selection } = run;
  const live = tenantSchemaName(target.id);
  await client.query("SELECT pg_advisory_xact_lock($1, hashtext($2))", [RESTORE_LOCK_KEY, target.id]);
  // Takes the migrator's lock on the live schema (applies nothing): `anchor migrate` waits for us.
  await applyMigrations(client, live, []);
  const counts: Record<string, number> = {};

  let aside: string | null = null;
  if (selection.tenantTables.length > 0) {
    aside = `${live}_restore_${randomBytes(4).toString("hex")}`;
    const liveExists = (await client.query("SELECT 1 FROM pg_namespace WHERE nspname = $1", [live])).rowCount === 1;
    if (selection.mode === "partial") {
      if (!liveExists) throw new AppError({ code: "conflict", message: `Tenant "${target.slug}" has no schema: restore it fully first` });
      const liveVersion = await client.query<{ version: string | null }>("SELECT max(version) AS version FROM public.schema_migrations WHERE schema_name = $1", [live]);
      if (liveVersion.rows[0]?.version !== run.migrations.at(-1)?.version) {
        throw new AppError({ code: "conflict", message: `Tenant "${target.slug}" is at schema version ${liveVersion.rows[0]?.version}: run anchor migrate before a partial restore` });
      }
      // Writers wait until the swap; readers go on seeing the live data.
      const liveTables = await listSchemaTables(client, live);
      if (liveTables.length > 0) await client.query(`LOCK TABLE ${liveTables.map((table) => `${quoteIdent(live)}.${quoteIdent(table.name)}`).join(", ")} IN EXCLUSIVE MODE`);
    }
    await client.query(`CREATE SCHEMA ${quoteIdent(aside)}`);
    await grantTenantSchema(client, aside, appDatabaseRole());
    await applyMigrations(client, aside, run.upToBackup);
    const asideTables = new Set((await listSchemaTables(client, aside)).map((table) => table.name));
    await withoutForeignKeys(client, aside, async () => {
      for (const entry of manifest.tables.filter((table) => table.scope === "tenant")) {
        if (!asideTables.has(entry.name)) throw new AppError({ code: "conflict", message: `Backup ${manifest.id} has a table ${entry.name} that schema version ${manifest.schemaVersion} does not: incompatible version` });
        counts[entry.name] = await loadTable(client, run, entry, `${quoteIdent(aside!)}.${quoteIdent(entry.name)}`);
      }
    });
    await run.onStep?.("schema-loaded");
    await applyMigrations(client, aside, run.migrations);
    await run.onStep?.("migrated");
    if (selection.mode === "partial") {
      const kept = (await listSchemaTables(client, aside)).filter((table) => !selection.tenantTables.includes(table.name));
      for (const name of Object.keys(counts)) if (!selection.tenantTables.includes(name)) delete counts[name];
      await withoutForeignKeys(client, aside, async () => {
        for (const table of kept) {
          await client.query(`TRUNCATE ${quoteIdent(aside!)}.${quoteIdent(table.name)}`);
          await client.query(
            `INSERT INTO ${quoteIdent(aside!)}.${quoteIdent(table.name)} (${columnList(table.columns)}) SELECT ${columnList(table.columns)} FROM ${quoteIdent(live)}.${quoteIdent(table.name)}`,
          );
        }
      }).catch((error: unknown) => {
        throw new AppError({ code: "conflict", message: `Cannot restore only ${selection.tenantTables.join(", ")}: ${(error as Error).message}; name the related tables too`, cause: error });
      });
    }
  }

  const staged = await stageSharedRows(client, run, counts);
  await run.onStep?.("shared-staged");

  if (target.create) await insertNewTenant(client, run);
  if (aside) {
    const liveExists = (await client.query("SELECT 1 FROM pg_namespace WHERE nspname = $1", [live])).rowCount === 1;
    const old = `${live}_old_${randomBytes(4).toString("hex")}`;
    if (liveExists) await client.query(`ALTER SCHEMA ${quoteIdent(live)} RENAME TO ${quoteIdent(old)}`);
    await client.query(`ALTER SCHEMA ${quoteIdent(aside)} RENAME TO ${quoteIdent(live)}`);
    if (liveExists) await client.query(`DROP SCHEMA ${quoteIdent(old)} CASCADE`);
    await client.query("DELETE FROM public.schema_migrations WHERE schema_name = $1", [live]);
    await client.query("UPDATE public.schema_migrations SET schema_name = $1 WHERE schema_name = $2", [live, aside]);
  }
  await replaceSharedRows(client, run, staged);
  if (target.create && target.id !== manifest.tenant.id) await repointClone(client, run, live);
  return counts;
}

function stageName(table: string): string {
  return quoteIdent(`restore_${table}`);
}

/** Copies the backup's shared rows into temporary tables shaped like today's shared tables (missing columns take their defaults). */
async function stageSharedRows(client: pg.ClientBase, run: DatabaseRestore, counts: Record<string, number>): Promise<TenantSharedTable[]> {
  const staged: TenantSharedTable[] = [];
  const needed = new Set(run.selection.sharedTables);
  if (run.target.create) needed.add("tenants");
  for (const entry of TENANT_SHARED_TABLES) {
    if (!needed.has(entry.table)) continue;
    const backupEntry = run.manifest.tables.find((table) => table.scope === "shared" && table.name === entry.table);
    if (!backupEntry) throw new AppError({ code: "conflict", message: `Backup ${run.manifest.id} has no rows of public.${entry.table}: incompatible version` });
    await client.query(`CREATE TEMP TABLE ${stageName(entry.table)} (LIKE public.${quoteIdent(entry.table)} INCLUDING DEFAULTS) ON COMMIT DROP`);
    const rows = await loadTable(client, run, backupEntry, stageName(entry.table));
    if (run.selection.sharedTables.includes(entry.table)) counts[`public.${entry.table}`] = rows;
    staged.push(entry);
  }
  return staged;
}

async function columnsOf(client: pg.ClientBase, table: string): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(
    "SELECT attname AS name FROM pg_attribute WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped AND attgenerated = '' ORDER BY attnum",
    [`public.${quoteIdent(table)}`],
  );
  return rows.map((row) => row.name);
}

/** A clone or import starts as a tenant row of its own: the backup's name and plan, no custom domain. */
async function insertNewTenant(client: pg.ClientBase, run: DatabaseRestore): Promise<void> {
  const inserted = await client.query(
    `INSERT INTO public.tenants (id, name, slug, status, plan_id)
     SELECT $1, name, $2, CASE WHEN status = 'suspended' THEN 'suspended' ELSE 'active' END, plan_id FROM ${stageName("tenants")}`,
    [run.target.id, run.target.slug],
  );
  if (inserted.rowCount !== 1) throw new AppError({ code: "conflict", message: `Backup ${run.manifest.id} holds no tenant row` });
}

/**
 * Replaces the tenant's rows of the staged shared tables. In place: the tenant row is updated (its
 * id, slug and creation time stay), the other tables' rows deleted (children first) and inserted
 * (parents first); audit rows are only added, never removed, so the record of what happened since
 * the backup survives. A clone takes settings and users only (new ids, sessions invalidated).
 */
async function replaceSharedRows(client: pg.ClientBase, run: DatabaseRestore, staged: TenantSharedTable[]): Promise<void> {
  const { target, manifest } = run;
  const names = new Set(staged.map((entry) => entry.table));
  if (target.create) {
    const clone = target.newUserIds;
    if (names.has("tenant_settings")) {
      const columns = await columnsOf(client, "tenant_settings");
      const values = columns.map((column) => (column === "tenant_id" ? "$1::uuid" : quoteIdent(column)));
      await client.query(`INSERT INTO public.tenant_settings (${columnList(columns)}) SELECT ${values.join(", ")} FROM ${stageName("tenant_settings")}`, [target.id]);
      if (clone) await repointText(client, "public.tenant_settings", await textColumns(client, "public", "tenant_settings"), `tenant_id = '${target.id}'`, manifest.tenant.id, target.id);
    }
    if (names.has("users")) {
      const columns = await columnsOf(client, "users");
      await client.query(`CREATE TEMP TABLE restore_user_ids ON COMMIT DROP AS SELECT id AS old_id, ${clone ? "gen_random_uuid()" : "id"} AS new_id FROM ${stageName("users")}`);
      const values = columns.map((column) =>
        column === "id" ? "m.new_id" : column === "tenant_id" ? "$1::uuid" : column === "session_version" && clone ? "u.session_version + 1" : `u.${quoteIdent(column)}`,
      );
      await client.query(`INSERT INTO public.users (${columnList(columns)}) SELECT ${values.join(", ")} FROM ${stageName("users")} u JOIN restore_user_ids m ON m.old_id = u.id`, [target.id]);
    }
    if (!clone) {
      for (const entry of staged) if (!["tenants", "tenant_settings", "users"].includes(entry.table)) await insertStaged(client, entry.table);
    }
    return;
  }
  if (names.has("tenants")) {
    const columns = (await columnsOf(client, "tenants")).filter((column) => !["id", "slug", "created_at"].includes(column));
    await client.query(`UPDATE public.tenants t SET (${columnList(columns)}) = (SELECT ${columnList(columns)} FROM ${stageName("tenants")} s) WHERE t.id = $1`, [target.id]);
  }
  const replaced = staged.filter((entry) => entry.table !== "tenants" && entry.table !== "audit_logs");
  for (const entry of [...replaced].reverse()) await client.query(`DELETE FROM public.${quoteIdent(entry.table)} WHERE ${sharedRowsCondition(entry, target.id)}`);
  for (const entry of replaced) await insertStaged(client, entry.table);
  if (names.has("audit_logs")) await insertStaged(client, "audit_logs", "ON CONFLICT (id) DO NOTHING");
}

async function insertStaged(client: pg.ClientBase, table: string, suffix = ""): Promise<void> {
  const columns = columnList(await columnsOf(client, table));
  await client.query(`INSERT INTO public.${quoteIdent(table)} (${columns}) SELECT ${columns} FROM ${stageName(table)} ${suffix}`);
}

async function textColumns(client: pg.ClientBase, schema: string, table: string): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(
    `SELECT a.attname AS name FROM pg_attribute a WHERE a.attrelid = $1::regclass AND a.attnum > 0 AND NOT a.attisdropped AND a.atttypid = 'text'::regtype`,
    [`${quoteIdent(schema)}.${quoteIdent(table)}`],
  );
  return rows.map((row) => row.name);
}

async function repointText(client: pg.ClientBase, table: string, columns: string[], where: string, fromTenant: string, toTenant: string): Promise<void> {
  if (columns.length === 0) return;
  const from = tenantSchemaName(fromTenant);
  const to = tenantSchemaName(toTenant);
  const sets = columns.map((column) => `${quoteIdent(column)} = replace(${quoteIdent(column)}, '${from}/', '${to}/')`);
  await client.query(`UPDATE ${table} SET ${sets.join(", ")} WHERE ${where}`);
}

/** In a clone's schema: user references follow the users' new ids, object keys the new prefix. */
async function repointClone(client: pg.ClientBase, run: DatabaseRestore, schema: string): Promise<void> {
  const tables = new Set((await listSchemaTables(client, schema)).map((table) => table.name));
  for (const { table, column } of TENANT_USER_REFERENCES) {
    if (!tables.has(table)) continue;
    await client.query(
      `UPDATE ${quoteIdent(schema)}.${quoteIdent(table)} t SET ${quoteIdent(column)} = m.new_id FROM restore_user_ids m WHERE t.${quoteIdent(column)} = m.old_id`,
    );
  }
  for (const { table, column } of TENANT_OBJECT_KEY_COLUMNS) {
    if (!tables.has(table)) continue;
    await repointText(client, `${quoteIdent(schema)}.${quoteIdent(table)}`, [column], "true", run.manifest.tenant.id, run.target.id);
  }
}

function fileMetadata(file: FileEntry, target: Target): Record<string, string> {
  return { ...file.metadata, tenant_id: target.id };
}

async function copyFileToTenant(manifest: BackupManifest, file: FileEntry, target: Target, store: BackupStore, progress: (bytes: number) => void): Promise<void> {
  const source = await store.getStream(`${store.backupPrefix(manifest.tenant.id, manifest.id)}${file.object}`);
  const checksum = new ChecksumStream(progress);
  await Promise.all([pipeline(source, checksum), writeTenantObject(target.id, file.name, checksum, file.size, file.contentType, fileMetadata(file, target))]);
  const mismatch = checksumMismatch(manifest, `file ${file.name}`, { sha256: file.sha256 }, { sha256: checksum.digest() });
  if (mismatch) throw mismatch;
}

/**
 * Before the database commits: writes the backup's files the tenant does not have now. Nothing refers
 * to them yet, so the tenant is unchanged if the restore stops here (the caller deletes them on failure).
 */
async function stageNewFiles(manifest: BackupManifest, target: Target, live: TenantObject[], store: BackupStore, progress: (bytes: number) => void): Promise<string[]> {
  const present = new Set(live.map((object) => object.name));
  const missing = manifest.files.filter((file) => !present.has(file.name));
  const written: string[] = [];
  await mapWithConcurrency(missing, store.config.fileConcurrency, async (file) => {
    written.push(file.name);
    await copyFileToTenant(manifest, file, target, store, progress);
  });
  return written;
}

/** After the commit: overwrites files that changed since the backup (checked first) and removes the ones it did not have. */
async function finishFiles(
  manifest: BackupManifest,
  target: Target,
  live: TenantObject[],
  restoredBefore: number,
  store: BackupStore,
  progress: (bytes: number) => void,
): Promise<{ restored: number; unchanged: number; removed: number }> {
  const liveByName = new Map(live.map((object) => [object.name, object]));
  const changed = manifest.files.filter((file) => {
    const now = liveByName.get(file.name);
    return now !== undefined && (now.etag !== file.etag || now.size !== file.size);
  });
  await mapWithConcurrency(changed, store.config.fileConcurrency, async (file) => {
    const check = new ChecksumStream();
    check.resume();
    await pipeline(await store.getStream(`${store.backupPrefix(manifest.tenant.id, manifest.id)}${file.object}`), check);
    const mismatch = checksumMismatch(manifest, `file ${file.name}`, { sha256: file.sha256 }, { sha256: check.digest() });
    if (mismatch) throw mismatch;
    await copyFileToTenant(manifest, file, target, store, progress);
  });
  const wanted = new Set(manifest.files.map((file) => file.name));
  const extra = live.filter((object) => !wanted.has(object.name)).map((object) => object.name);
  await deleteTenantObjects(target.id, extra);
  const unchanged = manifest.files.length - restoredBefore - changed.length;
  return { restored: restoredBefore + changed.length, unchanged, removed: extra.length };
}
