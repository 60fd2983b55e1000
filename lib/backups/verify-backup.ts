import { pipeline } from "node:stream/promises";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { backupStore, type BackupStore } from "./backup-store";
import { ChecksumStream } from "./checksum-stream";
import { existingTenantId, findBackup } from "./find-backup";
import { mapWithConcurrency } from "./map-with-concurrency";
import { tableLabel, type BackupManifest } from "./manifest";

export interface VerifyProblem {
  item: string;
  problem: string;
}

export interface VerifyResult {
  id: string;
  ok: boolean;
  tablesChecked: number;
  filesChecked: number;
  bytesChecked: number;
  problems: VerifyProblem[];
}

/** Re-reads every object of a backup and compares its SHA-256, size and row count with the manifest. */
export async function verifyManifest(manifest: BackupManifest, store: BackupStore): Promise<VerifyResult> {
  const base = store.backupPrefix(manifest.tenant.id, manifest.id);
  const problems: VerifyProblem[] = [];
  let bytesChecked = 0;
  const check = async (item: string, object: string, expected: { sha256: string; bytes: number; rows?: number }) => {
    const checksum = new ChecksumStream();
    checksum.resume();
    try {
      await pipeline(await store.getStream(`${base}${object}`), checksum);
    } catch (error) {
      problems.push({ item, problem: `cannot be read: ${(error as Error).message}` });
      return;
    }
    bytesChecked += checksum.bytes;
    if (checksum.digest() !== expected.sha256) problems.push({ item, problem: `SHA-256 is ${checksum.digest()}, the manifest says ${expected.sha256}` });
    else if (checksum.bytes !== expected.bytes) problems.push({ item, problem: `${checksum.bytes} bytes, the manifest says ${expected.bytes}` });
    else if (expected.rows !== undefined && checksum.lines !== expected.rows) problems.push({ item, problem: `${checksum.lines} rows, the manifest says ${expected.rows}` });
  };
  for (const table of manifest.tables) await check(`table ${tableLabel(table)}`, table.object, table);
  await mapWithConcurrency(manifest.files, store.config.fileConcurrency, (file) => check(`file ${file.name}`, file.object, { sha256: file.sha256, bytes: file.size }));
  return { id: manifest.id, ok: problems.length === 0, tablesChecked: manifest.tables.length, filesChecked: manifest.files.length, bytesChecked, problems };
}

export async function verifyBackup(id: string, store: BackupStore = backupStore()): Promise<VerifyResult> {
  const manifest = await findBackup(id, store);
  const result = await verifyManifest(manifest, store);
  await recordAuditEvent({
    tenantId: await existingTenantId(manifest.tenant.id),
    action: result.ok ? "backup.verified" : "backup.verify_failed",
    target: id,
    metadata: { problems: result.problems.length, bytesChecked: result.bytesChecked },
  });
  return result;
}
