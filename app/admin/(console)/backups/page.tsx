import type { Metadata } from "next";
import { BackUpNowButton, RestoreBackupDialog, RestoreToTimeDialog } from "@/components/admin/backup-actions";
import { ConsolePage, ConsoleSection, ConsoleTable, UtcMinute } from "@/components/admin/console-page";
import { FormAlert } from "@/components/forms/form-alert";
import { BACKUP_STATUSES, listPlatformBackups, platformBackupsQuerySchema, type PlatformBackupsPage, type PlatformBackupsQuery } from "@/lib/admin-console/list-platform-backups";
import { requirePlatformAdmin } from "@/lib/auth/page-identity";
import { readUrlFilters } from "@/lib/http/read-url-filters";
import { formatBytes } from "@/lib/plans/plans";
import { requireSurface } from "@/lib/tenancy/require-surface";

export const metadata: Metadata = { title: "Backups · Admin console", robots: { index: false } };
export const dynamic = "force-dynamic";

const field = "mt-1 block rounded-md border border-slate-300 px-2 py-1.5";

function hrefWith(query: PlatformBackupsQuery, cursor?: string): string {
  const params = new URLSearchParams();
  if (query.tenant) params.set("tenant", query.tenant);
  if (query.status) params.set("status", query.status);
  if (cursor) params.set("cursor", cursor);
  const search = params.toString();
  return search ? `/backups?${search}` : "/backups";
}

async function readPage(query: PlatformBackupsQuery): Promise<{ page: PlatformBackupsPage | null; error: string | null }> {
  try {
    return { page: await listPlatformBackups(query), error: null };
  } catch {
    return { page: null, error: "The backup store cannot be read from this server; list backups with `anchor backups list <slug>`." };
  }
}

/** Every tenant's backups, with retention and the restore-to-time window; back up, restore, restore to a time. */
export default async function AdminBackupsPage({ searchParams }: PageProps<"/admin/backups">) {
  await requireSurface("admin");
  await requirePlatformAdmin();
  const { query, ignored } = readUrlFilters(platformBackupsQuerySchema, ["tenant", "status", "cursor"], await searchParams, { limit: 50 });
  const { page, error } = await readPage(query);
  return (
    <ConsolePage title="Backups" intro="Every tenant's complete backups from the backup store, newest first. Retention follows each tenant's plan; restores run as queued operations.">
      <form className="mt-6 flex flex-wrap items-end gap-3 text-sm" aria-label="Filter backups">
        <label>
          <span className="block font-medium text-slate-700">Tenant (slug)</span>
          <input name="tenant" defaultValue={query.tenant ?? ""} className={field} />
        </label>
        <label>
          <span className="block font-medium text-slate-700">Status</span>
          <select name="status" defaultValue={query.status ?? ""} className={field}>
            <option value="">Any</option>
            {Object.entries(BACKUP_STATUSES).map(([status, description]) => (
              <option key={status} value={status}>
                {status} — {description}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="rounded-md border border-slate-300 bg-white px-3 py-1.5 font-medium hover:bg-slate-50">
          Filter
        </button>
      </form>
      {ignored.length > 0 ? <FormAlert className="mt-3" message={`Ignored invalid filter${ignored.length === 1 ? "" : "s"}: ${ignored.map((entry) => entry.field).join(", ")}.`} /> : null}
      {error ? <p className="mt-6 text-sm text-slate-600">{error}</p> : null}
      {query.tenant ? (
        <ConsoleSection title={`Tenant ${query.tenant}`} className="mt-6">
          <div className="mt-3 flex flex-wrap items-start gap-3" data-testid="tenant-backup-actions">
            <BackUpNowButton slug={query.tenant} label={`Back up ${query.tenant} now`} />
            <RestoreToTimeDialog slug={query.tenant} label={`Restore ${query.tenant} to a time…`} />
            <a href={`/tenants/${query.tenant}/manage`} className="px-1 py-2 text-sm underline">
              Manage tab
            </a>
          </div>
        </ConsoleSection>
      ) : null}
      <ConsoleSection title="Point-in-time recovery" className="mt-6">
        {page?.pitr ? (
          <p className="mt-2 text-sm text-slate-700" data-testid="pitr-window">
            Any moment from <UtcMinute iso={page.pitr.from} /> to about <UtcMinute iso={page.pitr.to} /> UTC (after the tenant existed), from {page.pitr.baseBackups.length} base backup
            {page.pitr.baseBackups.length === 1 ? "" : "s"} and the archived WAL.
          </p>
        ) : (
          <p className="mt-2 text-sm text-slate-600" data-testid="pitr-window">
            No point-in-time window on this host: no base backup or archived WAL in its PITR_DIR (see `anchor backups base-backup`). Restore to a time is refused until there is one.
          </p>
        )}
      </ConsoleSection>
      {page && page.data.length === 0 ? <p className="mt-6 text-slate-600">No backups match.</p> : null}
      {page && page.data.length > 0 ? (
        <ConsoleTable className="mt-6" headers={["Tenant", "Backup", "Kind", "Taken (UTC)", "Size", "Status", "Retention", ""]}>
          {page.data.map((backup) => (
            <tr key={backup.id} className="border-b align-top" data-testid={`backup-row-${backup.id}`}>
              <td className="py-2 pr-3">
                <a href={`/tenants/${backup.tenant.slug}`} className="hover:underline">
                  {backup.tenant.name}
                </a>{" "}
                <a href={`/backups?tenant=${backup.tenant.slug}`} className="text-xs text-slate-500 underline">
                  {backup.tenant.slug}
                </a>
              </td>
              <td className="py-2 pr-3 font-mono text-xs">{backup.id}</td>
              <td className="py-2 pr-3">{backup.kind}</td>
              <td className="py-2 pr-3 whitespace-nowrap">
                <UtcMinute iso={backup.createdAt} />
              </td>
              <td className="py-2 pr-3 whitespace-nowrap">{formatBytes(backup.bytes)}</td>
              <td className="py-2 pr-3">{backup.status}</td>
              <td className="py-2 pr-3 text-xs">
                {backup.retention.days} days ({backup.tenant.plan})
                <br />
                {backup.retention.reason === "minimum" ? "kept: one of the 3 newest" : null}
                {backup.retention.expiresAt ? (
                  <>
                    until <UtcMinute iso={backup.retention.expiresAt} />
                  </>
                ) : null}
                {backup.status === "expired" ? "pruned at the next prune" : null}
              </td>
              <td className="py-2 text-right">{backup.tenant.status === "deleted" ? <span className="text-xs text-slate-500">CLI only (deleted)</span> : <RestoreBackupDialog slug={backup.tenant.slug} backupId={backup.id} />}</td>
            </tr>
          ))}
        </ConsoleTable>
      ) : null}
      <p className="mt-4 flex gap-4 text-sm">
        {query.cursor ? (
          <a href={hrefWith(query)} className="underline">
            Newest
          </a>
        ) : null}
        {page?.nextCursor ? (
          <a href={hrefWith(query, page.nextCursor)} className="underline">
            Older
          </a>
        ) : null}
      </p>
    </ConsolePage>
  );
}
