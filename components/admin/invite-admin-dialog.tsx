"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { ActionDialog } from "./action-dialog";
import { callAdminApi } from "./admin-api-client";

/** "Add admin…": invites a platform admin by mail (POST /api/admin/admins). */
export function InviteAdminDialog() {
  const router = useRouter();
  const [email, setEmail] = useState("");
  const [invited, setInvited] = useState<string | null>(null);
  return (
    <div className="flex items-center gap-3">
      {invited ? (
        <p role="status" className="text-sm text-emerald-800">
          Invitation sent to {invited}.
        </p>
      ) : null}
      <ActionDialog
        triggerLabel="Add admin…"
        title="Add a platform admin"
        description="They get a mail with a link to choose a password (valid for 7 days), then sign in here. Platform admins can act on every tenant."
        confirmLabel="Send invitation"
        tone="primary"
        onOpenChange={(open) => open && setEmail("")}
        onConfirm={async () => {
          const answer = await callAdminApi("POST", "/api/admin/admins", { email });
          if (!answer.ok) return answer.fieldErrors?.email?.[0] ?? answer.message;
          setInvited(email.trim().toLowerCase());
          router.refresh();
          return null;
        }}
      >
        <label className="block text-sm font-medium text-slate-800">
          Email
          <input type="email" value={email} onChange={(event) => setEmail(event.target.value)} required className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm" />
        </label>
      </ActionDialog>
    </div>
  );
}
