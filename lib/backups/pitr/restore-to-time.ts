import pg from "pg";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { ownerPool } from "@/lib/db/pools";
import { env, ownerDatabaseUrl } from "@/lib/env/env";
import { AppError } from "@/lib/errors/app-error";
import { findTenantBySlug } from "@/lib/tenants/find-tenant";
import { createBackup } from "../create-backup";
import { listTenantBackups } from "../find-backup";
import { restoreBackup, type RestoreResult } from "../restore-backup";
import { listBaseBackups } from "./base-backup";
import { pitrPaths } from "./pitr-paths";
import { startRecoveryInstance } from "./recovery-instance";

export interface RestoreToTimeResult {
  tenant: { id: string; slug: string };
  at: string;
  /** Where the tenant's rows at `at` came from. */
  source: { kind: "recovered-instance"; baseBackup: string } | { kind: "from-database" };
  /** The backup (kind point-in-time) extracted from that instance, kept like any other. */
  extract: string;
  restore: RestoreResult;
  /** Files have no WAL: they come from the nearest snapshot backup, or stay as they are if there is none. */
  files: { source: "snapshot"; backup: string; createdAt: string; restored: RestoreResult["files"] } | { source: "unchanged" };
  seconds: number;
}

async function archiveCurrentWal(): Promise<void> {
  const client = await ownerPool().connect();
  try {
    const { rows } = await client.query<{ segment: string }>("SELECT pg_walfile_name(pg_switch_wal()) AS segment");
    const wanted = rows[0]!.segment;
    const deadline = Date.now() + 120_000;
    while (Date.now() < deadline) {
      const archived = await client.query<{ last: string | null; failed: string | null }>("SELECT last_archived_wal AS last, last_failed_wal AS failed FROM pg_stat_archiver");
      const last = archived.rows[0]?.last;
      if (last && last.slice(8) >= wanted.slice(8)) return;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new AppError({ code: "unavailable", message: `WAL segment ${wanted} was not archived within 2 minutes: check archive_command` });
  } finally {
    client.release();
  }
}

/**
 * Brings one tenant back to its state at `at`: a temporary server is recovered from the newest base
 * backup before `at` plus the archived WAL up to `at` (or, with `fromDatabase`, an instance the
 * provider already recovered), the tenant's schema and shared rows are extracted from it as a backup,
 * and that backup is restored onto the tenant atomically like any other. Other tenants are untouched.
 */
export async function restoreToTime(slug: string, at: string, options: { fromDatabase?: string } = {}): Promise<RestoreToTimeResult> {
  const started = performance.now();
  const target = new Date(at);
  if (Number.isNaN(target.getTime()) || !/^\d{4}-\d{2}-\d{2}T/.test(at)) throw new AppError({ code: "bad_request", message: `--at must be an ISO 8601 time, e.g. 2026-12-01T10:15:00Z (got "${at}")` });
  if (target.getTime() > Date.now()) throw new AppError({ code: "bad_request", message: `--at ${at} is in the future` });
  const tenant = await findTenantBySlug(slug);
  const iso = target.toISOString();

  let sourceUrl: string;
  let source: RestoreToTimeResult["source"];
  let stopInstance = async () => undefined as void;
  if (options.fromDatabase) {
    sourceUrl = options.fromDatabase;
    source = { kind: "from-database" };
  } else {
    const base = (await listBaseBackups()).filter((each) => each.stoppedAt < iso).at(-1);
    if (!base) throw new AppError({ code: "conflict", message: `No base backup finished before ${iso}: take one with anchor backups base-backup (PITR_DIR ${pitrPaths().root})` });
    await archiveCurrentWal();
    const maxConnections = Number((await ownerPool().query<{ value: string }>("SELECT current_setting('max_connections') AS value")).rows[0]!.value);
    const instance = await startRecoveryInstance({ base, walDir: pitrPaths().wal, targetTime: iso, liveUrl: ownerDatabaseUrl(), maxConnections });
    sourceUrl = instance.url;
    stopInstance = instance.stop;
    source = { kind: "recovered-instance", baseBackup: base.label };
  }

  let extract: string;
  try {
    const pool = new pg.Pool({ connectionString: sourceUrl, max: 2 });
    pool.on("error", () => undefined);
    try {
      const exists = await pool.query("SELECT 1 FROM public.tenants WHERE id = $1 AND status IN ('active', 'suspended')", [tenant.id]);
      if (exists.rowCount !== 1) throw new AppError({ code: "conflict", message: `Tenant "${slug}" did not exist (or was not active) at ${iso}` });
      extract = (await createBackup(slug, { kind: "point-in-time", sourcePool: pool, files: false })).summary.id;
    } finally {
      await pool.end();
    }
  } finally {
    await stopInstance();
  }

  const restore = await restoreBackup(extract, { files: false });
  const snapshots = (await listTenantBackups(tenant.id)).filter((backup) => backup.kind !== "point-in-time");
  const nearest = snapshots.filter((backup) => backup.createdAt <= iso)[0] ?? snapshots.at(-1);
  let files: RestoreToTimeResult["files"] = { source: "unchanged" };
  if (nearest) {
    const restoredFiles = await restoreBackup(nearest.id, { files: true });
    files = { source: "snapshot", backup: nearest.id, createdAt: nearest.createdAt, restored: restoredFiles.files };
  }
  const result: RestoreToTimeResult = { tenant: { id: tenant.id, slug: tenant.slug }, at: iso, source, extract, restore, files, seconds: Math.round((performance.now() - started) / 100) / 10 };
  await recordAuditEvent({ tenantId: tenant.id, action: "backup.restored_to_time", target: iso, metadata: { source: source.kind, extract, files: files.source } });
  return result;
}
