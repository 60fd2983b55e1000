"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { FormAlert } from "@/components/forms/form-alert";
import { useHydrated } from "@/components/forms/use-hydrated";
import { ActionDialog } from "./action-dialog";
import { callAdminApi } from "./admin-api-client";

/**
 * The backup actions of the console (tenant page's Manage tab and the Backups page), each one queued
 * operation through the admin API: back up now, restore a backup, restore to a time.
 */

function Done({ text }: { text: string }) {
  return (
    <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
      {text}
    </p>
  );
}

export function BackUpNowButton({ slug, label = "Back up now" }: { slug: string; label?: string }) {
  const router = useRouter();
  const hydrated = useHydrated();
  const [backingUp, setBackingUp] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

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
    <div className="space-y-2">
      <button
        type="button"
        disabled={!hydrated || backingUp}
        aria-busy={backingUp}
        onClick={() => void backUpNow()}
        className="rounded-md bg-slate-900 px-3 py-2 text-sm font-semibold text-white hover:bg-slate-700 disabled:opacity-60"
      >
        {backingUp ? "Backing up…" : label}
      </button>
      {message ? message.ok ? <Done text={message.text} /> : <FormAlert message={message.text} /> : null}
    </div>
  );
}

export function RestoreBackupDialog({ slug, backupId }: { slug: string; backupId: string }) {
  const router = useRouter();
  const [done, setDone] = useState<string | null>(null);
  return (
    <div className="space-y-2">
      <ActionDialog
        triggerLabel="Restore…"
        title={`Restore ${backupId}?`}
        description={`${slug}'s data is replaced by this backup's, atomically; what changed since is lost (take a backup first if unsure).`}
        confirmLabel="Restore"
        tone="danger"
        onConfirm={async () => {
          setDone(null);
          const answer = await callAdminApi("POST", `/api/admin/tenants/${slug}/restore`, { backupId });
          if (!answer.ok) return answer.message;
          setDone(`Restored ${slug} from ${backupId}.`);
          router.refresh();
          return null;
        }}
      />
      {done ? <Done text={done} /> : null}
    </div>
  );
}

export function RestoreToTimeDialog({ slug, label = "Restore to a time…" }: { slug: string; label?: string }) {
  const router = useRouter();
  const [at, setAt] = useState("");
  const [done, setDone] = useState<string | null>(null);
  return (
    <div className="space-y-2">
      <ActionDialog
        triggerLabel={label}
        title={`Restore ${slug} to a time`}
        description="The tenant's tables come back as they were at that moment (from the base backup and archived WAL); its files from the nearest snapshot. Other tenants are untouched."
        confirmLabel="Restore"
        tone="danger"
        onConfirm={async () => {
          setDone(null);
          const when = new Date(at);
          if (!at || Number.isNaN(when.getTime())) return "Choose a date and time";
          const answer = await callAdminApi("POST", `/api/admin/tenants/${slug}/restore`, { at: when.toISOString() });
          if (!answer.ok) return answer.message;
          setDone(`Restored ${slug} to ${when.toISOString().replace("T", " ").slice(0, 19)} UTC.`);
          router.refresh();
          return null;
        }}
      >
        <label className="block text-sm font-medium text-slate-800">
          Time (your local time)
          <input type="datetime-local" step={1} value={at} onChange={(event) => setAt(event.target.value)} className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm" />
        </label>
      </ActionDialog>
      {done ? <Done text={done} /> : null}
    </div>
  );
}
