import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { ownerPool } from "@/lib/db/pools";
import { backupStore, type BackupStore } from "./backup-store";
import { createBackup } from "./create-backup";
import { listTenantBackups } from "./find-backup";
import { mapWithConcurrency } from "./map-with-concurrency";
import { decideRetention, isDue, retentionFor, type KeepReason } from "./retention";

interface TenantRow {
  id: string;
  slug: string;
  plan_id: string;
  status: string;
}

export interface PruneResult {
  dryRun: boolean;
  tenants: number;
  kept: number;
  pruned: Array<{ id: string; tenant: string; createdAt: string }>;
  keptByReason: Record<KeepReason, number>;
}

/** Applies each tenant's plan retention to its backups (deleted tenants too: their final backup ages out like any other, the minimum stays). */
export async function pruneBackups(options: { dryRun?: boolean; now?: Date; store?: BackupStore } = {}): Promise<PruneResult> {
  const store = options.store ?? backupStore();
  const now = options.now ?? new Date();
  const { rows } = await ownerPool().query<TenantRow>("SELECT id, slug, plan_id, status FROM public.tenants ORDER BY created_at, id");
  const result: PruneResult = { dryRun: options.dryRun === true, tenants: 0, kept: 0, pruned: [], keptByReason: { minimum: 0, "within-days": 0, monthly: 0 } };
  for (const tenant of rows) {
    const backups = await listTenantBackups(tenant.id, store);
    if (backups.length === 0) continue;
    result.tenants++;
    const decision = decideRetention(backups, retentionFor(tenant.plan_id), now);
    result.kept += decision.keep.length;
    for (const { reason } of decision.keep) result.keptByReason[reason]++;
    for (const backup of decision.prune) {
      if (!result.dryRun) {
        const base = store.backupPrefix(tenant.id, backup.id);
        await store.deleteKeys([`${base}manifest.json`]);
        await store.deletePrefix(base);
        await store.deleteKeys([store.idKey(backup.id)]);
      }
      result.pruned.push({ id: backup.id, tenant: tenant.slug, createdAt: backup.createdAt });
    }
    if (!result.dryRun && decision.prune.length > 0) {
      await recordAuditEvent({ tenantId: tenant.id, action: "backup.pruned", target: tenant.slug, metadata: { pruned: decision.prune.map((backup) => backup.id) } });
    }
  }
  return result;
}

export interface RunDueResult {
  tenants: number;
  due: number;
  succeeded: Array<{ tenant: string; id: string; bytes: number }>;
  failed: Array<{ tenant: string; error: string }>;
}

/** Backs up every active or suspended tenant that is due under its plan, `concurrency` at a time; a failure is reported and the rest go on. */
export async function runDueBackups(options: { concurrency?: number; now?: Date; store?: BackupStore; onTenantDone?: (done: number, total: number) => void } = {}): Promise<RunDueResult> {
  const store = options.store ?? backupStore();
  const now = options.now ?? new Date();
  const { rows } = await ownerPool().query<TenantRow>("SELECT id, slug, plan_id, status FROM public.tenants WHERE status IN ('active', 'suspended') ORDER BY created_at, id");
  const due: TenantRow[] = [];
  for (const tenant of rows) {
    const newest = (await listTenantBackups(tenant.id, store))[0];
    if (isDue(newest?.createdAt, retentionFor(tenant.plan_id), now)) due.push(tenant);
  }
  const result: RunDueResult = { tenants: rows.length, due: due.length, succeeded: [], failed: [] };
  let done = 0;
  await mapWithConcurrency(due, options.concurrency ?? 2, async (tenant) => {
    try {
      const { summary } = await createBackup(tenant.slug, { kind: "scheduled", store });
      result.succeeded.push({ tenant: tenant.slug, id: summary.id, bytes: summary.bytes });
    } catch (error) {
      result.failed.push({ tenant: tenant.slug, error: (error as Error).message });
    }
    options.onTenantDone?.(++done, due.length);
  });
  return result;
}
