import { BackUpNowButton, RestoreBackupDialog, RestoreToTimeDialog } from "./backup-actions";

export interface BackupView {
  id: string;
  kind: string;
  createdAt: string;
  bytes: number;
}

/** Back up now, restore one of the tenant's backups, or restore it as it was at a time. */
export function TenantBackupControls({ slug, backups, backupsError }: { slug: string; backups: BackupView[]; backupsError: string | null }) {
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-start gap-3">
        <BackUpNowButton slug={slug} />
        <RestoreToTimeDialog slug={slug} />
      </div>
      {backupsError ? <p className="text-sm text-slate-600">{backupsError}</p> : null}
      {backups.length === 0 && !backupsError ? <p className="text-sm text-slate-600">No backups yet.</p> : null}
      {backups.length > 0 ? (
        <table className="w-full text-left text-sm">
          <thead className="border-b text-slate-500">
            <tr>
              <th className="py-2">Backup</th>
              <th>Kind</th>
              <th>Taken</th>
              <th>Size</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {backups.map((backup) => (
              <tr key={backup.id} className="border-b last:border-0" data-testid={`backup-row-${backup.id}`}>
                <td className="py-2 pr-4 font-mono text-xs">{backup.id}</td>
                <td className="pr-4">{backup.kind}</td>
                <td className="pr-4">{new Date(backup.createdAt).toISOString().replace("T", " ").slice(0, 19)} UTC</td>
                <td className="pr-4">{(backup.bytes / 1024).toFixed(1)} KiB</td>
                <td className="py-1 text-right">
                  <RestoreBackupDialog slug={slug} backupId={backup.id} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}
