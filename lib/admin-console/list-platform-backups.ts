import { z } from "zod";
import { listTenantBackups } from "@/lib/backups/find-backup";
import { isBackupId, type BackupManifest } from "@/lib/backups/manifest";
import { mapWithConcurrency } from "@/lib/backups/map-with-concurrency";
import { readPitrWindow, type PitrWindow } from "@/lib/backups/pitr/read-pitr-window";
import { decideRetention, retentionFor, type KeepReason } from "@/lib/backups/retention";
import { platformPool } from "@/lib/db/pools";
import type { PlanId } from "@/lib/plans/plans";
import { readTenantPlans } from "@/lib/tenant-profile/list-tenant-plans";
import { slugSchema } from "@/lib/tenancy/slug";

/**
 * The admin console's Backups page (GET /api/admin/backups): every tenant's complete backups from the
 * backup store (which is its own catalog), newest first, with what retention will do to each.
 */
export const BACKUP_STATUSES = {
  kept: "kept by the plan's retention",
  expired: "past retention: the next `anchor backups prune` deletes it",
} as const;
export type BackupStatus = keyof typeof BACKUP_STATUSES;

/** Where a page ended: the last backup's createdAt and id (the list is newest first, ties by id). */
function encodeBackupCursor(row: { createdAt: string; id: string }): string {
  return Buffer.from(`${row.createdAt}|${row.id}`).toString("base64url");
}

function decodeBackupCursor(cursor: string): { createdAt: string; id: string } | null {
  const [createdAt, id] = Buffer.from(cursor, "base64url").toString().split("|");
  if (!createdAt || !id || !isBackupId(id) || Number.isNaN(Date.parse(createdAt))) return null;
  return { createdAt, id };
}

function newerFirst(a: { createdAt: string; id: string }, b: { createdAt: string; id: string }): number {
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? 1 : -1;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

const blankAsAbsent = (value: unknown) => (value === "" ? undefined : value);

export const platformBackupsQuerySchema = z.object({
  tenant: z.preprocess(blankAsAbsent, slugSchema.optional()),
  status: z.preprocess(blankAsAbsent, z.enum(Object.keys(BACKUP_STATUSES) as [BackupStatus, ...BackupStatus[]]).optional()),
  cursor: z.preprocess(blankAsAbsent, z.string().refine((value) => decodeBackupCursor(value) !== null, "Invalid cursor").optional()),
  limit: z.preprocess(blankAsAbsent, z.coerce.number().int().min(1).max(100).default(50)),
});
export type PlatformBackupsQuery = z.output<typeof platformBackupsQuerySchema>;

export interface PlatformBackupRow {
  id: string;
  tenant: { slug: string; name: string; status: string; plan: PlanId };
  kind: BackupManifest["kind"];
  createdAt: string;
  /** Table and file bytes. */
  bytes: number;
  rows: number;
  files: number;
  status: BackupStatus;
  retention: {
    /** The plan's backupRetentionDays. */
    days: number;
    /** Why it is kept (null when expired): one of the 3 newest, within the days, or a month's first (enterprise). */
    reason: KeepReason | null;
    /** When it leaves retention; null while it is one of the 3 newest (kept until newer ones replace it) or once expired. */
    expiresAt: string | null;
  };
}

export interface PlatformBackupsPage {
  data: PlatformBackupRow[];
  nextCursor: string | null;
  /** Cluster-wide restore-to-time window on this host, null when there is none. */
  pitr: PitrWindow | null;
}

const DAY_MS = 86_400_000;
const STORE_CONCURRENCY = 4;

function expiry(createdAt: string, reason: KeepReason | null, policy: ReturnType<typeof retentionFor>): string | null {
  if (reason === "within-days") return new Date(Date.parse(createdAt) + policy.days * DAY_MS).toISOString();
  if (reason === "monthly") return new Date(Date.parse(createdAt) + policy.monthlyDays * DAY_MS).toISOString();
  return null;
}

/**
 * Lists each tenant's backups (one store listing and one manifest GET per backup, as `backups prune` does),
 * decides retention per tenant under its plan, then filters and pages newest first (createdAt, then id).
 */
export async function listPlatformBackups(query: PlatformBackupsQuery, now: Date = new Date()): Promise<PlatformBackupsPage> {
  const { rows: tenants } = await platformPool().query<{ id: string; slug: string; name: string; status: string }>(
    "SELECT id, slug, name, status FROM public.tenants WHERE ($1::text IS NULL OR slug = $1) ORDER BY slug",
    [query.tenant ?? null],
  );
  const plans = await readTenantPlans(tenants.map((tenant) => tenant.id));
  const perTenant = await mapWithConcurrency(tenants, STORE_CONCURRENCY, async (tenant) => {
    const manifests = await listTenantBackups(tenant.id);
    const plan = plans.get(tenant.id)!;
    const policy = retentionFor(plan.id);
    const decision = decideRetention(manifests, policy, now);
    const reasons = new Map<string, KeepReason | null>([...decision.keep.map(({ backup, reason }) => [backup.id, reason] as const), ...decision.prune.map((backup) => [backup.id, null] as const)]);
    return manifests.map((manifest): PlatformBackupRow => {
      const reason = reasons.get(manifest.id) ?? null;
      return {
        id: manifest.id,
        tenant: { slug: tenant.slug, name: tenant.name, status: tenant.status, plan: plan.id },
        kind: manifest.kind,
        createdAt: manifest.createdAt,
        bytes: manifest.totals.tableBytes + manifest.totals.fileBytes,
        rows: manifest.totals.rows,
        files: manifest.totals.files,
        status: reason === null ? "expired" : "kept",
        retention: { days: policy.days, reason, expiresAt: expiry(manifest.createdAt, reason, policy) },
      };
    });
  });
  const after = query.cursor ? decodeBackupCursor(query.cursor) : null;
  const matching = perTenant
    .flat()
    .filter((row) => (!query.status || row.status === query.status) && (!after || newerFirst(after, row) < 0))
    .sort(newerFirst);
  const data = matching.slice(0, query.limit);
  return { data, nextCursor: matching.length > query.limit ? encodeBackupCursor(data.at(-1)!) : null, pitr: await readPitrWindow() };
}
