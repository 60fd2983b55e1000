"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { FormAlert } from "@/components/forms/form-alert";
import { useHydrated } from "@/components/forms/use-hydrated";
import { ActionDialog } from "./action-dialog";
import { callAdminApi } from "./admin-api-client";

export interface BackupView {
  id: string;
  kind: string;
  createdAt: string;
  bytes: number;
}

/** Back up now, restore one of the tenant's backups, or restore it as it was at a time. */
export function TenantBackupControls({ slug, backups, backupsError }: { slug: string; backups: BackupView[]; backupsError: string | null }) {
  const router = useRouter();
  const hydrated = useHydrated();
  const [backingUp, setBackingUp] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [at, setAt] = useState("");

  async function backUpNow() {
    setBackingUp(true);
    setMessage(null);
    const answer = await callAdminApi("POST", `/api/admin/tenants/${slug}/backups`);
    setBackingUp(false);
    if (!answer.ok) return setMessage({ ok: false, text: answer.message ?? "Backup failed" });
    setMessage({ ok: true, text: `Backup ${(answer.result as { id: string }).id} written.` });
    router.refresh();
  }

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-3">
        <button
          type="button"
          disabled={!hydrated || backingUp}
          aria-busy={backingUp}
          onClick={() => void backUpNow()}
          className="rounded-md bg-slate-900 px-3 py-2 text-sm font-semibold text-white hover:bg-slate-700 disabled:opacity-60"
        >
          {backingUp ? "Backing up…" : "Back up now"}
        </button>
        <ActionDialog
          triggerLabel="Restore to a time…"
          title={`Restore ${slug} to a time`}
          description="The tenant's tables come back as they were at that moment (from the base backup and archived WAL); its files from the nearest snapshot. Other tenants are untouched."
          confirmLabel="Restore"
          tone="danger"
          onConfirm={async () => {
            const when = new Date(at);
            if (!at || Number.isNaN(when.getTime())) return "Choose a date and time";
            const answer = await callAdminApi("POST", `/api/admin/tenants/${slug}/restore`, { at: when.toISOString() });
            if (answer.ok) router.refresh();
            return answer.message;
          }}
        >
          <label className="block text-sm font-medium text-slate-800">
            Time (your local time)
            <input type="datetime-local" step={1} value={at} onChange={(event) => setAt(event.target.value)} className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm" />
          </label>
        </ActionDialog>
      </div>
      {message ? (
        message.ok ? (
          <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
            {message.text}
          </p>
        ) : (
          <FormAlert message={message.text} />
        )
      ) : null}
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
                  <ActionDialog
                    triggerLabel="Restore…"
                    title={`Restore ${backup.id}?`}
                    description={`${slug}'s data is replaced by this backup's, atomically; what changed since is lost (take a backup first if unsure).`}
                    confirmLabel="Restore"
                    tone="danger"
                    onConfirm={async () => {
                      const answer = await callAdminApi("POST", `/api/admin/tenants/${slug}/restore`, { backupId: backup.id });
                      if (answer.ok) router.refresh();
                      return answer.message;
                    }}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}
