import { z } from "zod";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { AppError } from "@/lib/errors/app-error";
import { sharedDb } from "@/lib/db/shared-client";
import { backupStore, type BackupStore } from "./backup-store";
import { isBackupId, manifestSchema, type BackupManifest } from "./manifest";

const idEntrySchema = z.object({ tenantId: z.uuid() });

function unknownBackup(id: string): AppError {
  return new AppError({ code: "not_found", message: `No backup "${id}" (see: anchor backups list <slug>)` });
}

/** The manifest at a key of the store, checked against the documented format. */
export async function readManifest(store: BackupStore, key: string): Promise<BackupManifest | null> {
  const raw = await store.getJson(key);
  if (raw === null) return null;
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success) {
    throw new AppError({ code: "bad_request", message: `The manifest ${key} is not a valid backup manifest: ${parsed.error.issues[0]?.message ?? "invalid"}` });
  }
  return parsed.data;
}

/** One complete backup by id; a malformed or unknown id, or one whose manifest is missing, is not_found. */
export async function findBackup(id: string, store: BackupStore = backupStore()): Promise<BackupManifest> {
  if (!isBackupId(id)) throw new AppError({ code: "not_found", message: `"${id}" is not a backup id (they look like bk-20260101t000000z-0123abcd)` });
  await store.ensureBucket();
  const entry = idEntrySchema.safeParse(await store.getJson(store.idKey(id)));
  if (!entry.success) throw unknownBackup(id);
  const manifest = await readManifest(store, `${store.backupPrefix(entry.data.tenantId, id)}manifest.json`);
  if (!manifest) throw unknownBackup(id);
  return manifest;
}

/** The tenant's complete backups, newest first. Deleted tenants' backups are listed too (by slug). */
export async function listBackups(slug: string, store: BackupStore = backupStore()): Promise<BackupManifest[]> {
  const tenant = await sharedDb().tenant.findUnique({ where: { slug }, select: { id: true } });
  if (!tenant) throw new AppError({ code: "not_found", message: `No tenant with slug "${slug}"` });
  return listTenantBackups(tenant.id, store);
}

export async function listTenantBackups(tenantId: string, store: BackupStore = backupStore()): Promise<BackupManifest[]> {
  await store.ensureBucket();
  const manifests: BackupManifest[] = [];
  for (const prefix of await store.listChildPrefixes(store.tenantPrefix(tenantId))) {
    const manifest = await readManifest(store, `${prefix}manifest.json`);
    if (manifest) manifests.push(manifest);
  }
  return manifests.sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : a.id < b.id ? 1 : -1));
}

/** Removes a backup: its manifest first (so it stops being restorable at once), then its data and id entry. */
export async function deleteBackup(id: string, store: BackupStore = backupStore()): Promise<{ id: string; tenant: { id: string; slug: string }; objects: number }> {
  const manifest = await findBackup(id, store);
  const base = store.backupPrefix(manifest.tenant.id, id);
  await store.deleteKeys([`${base}manifest.json`]);
  const objects = await store.deletePrefix(base);
  await store.deleteKeys([store.idKey(id)]);
  await recordAuditEvent({ tenantId: await existingTenantId(manifest.tenant.id), action: "backup.deleted", target: id, metadata: { objects: objects + 1 } });
  return { id, tenant: { id: manifest.tenant.id, slug: manifest.tenant.slug }, objects: objects + 1 };
}

/** Audit rows reference tenants; a backup can outlive its tenant's row only in a foreign environment. */
export async function existingTenantId(tenantId: string): Promise<string | null> {
  const tenant = await sharedDb().tenant.findUnique({ where: { id: tenantId }, select: { id: true } });
  return tenant?.id ?? null;
}
