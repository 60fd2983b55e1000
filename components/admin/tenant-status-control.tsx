"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { ActionDialog } from "./action-dialog";
import { callAdminApi } from "./admin-api-client";

/** Suspend with a reason (shown to the tenant's staff, never its customers) or reactivate. */
export function TenantStatusControl({ slug, status }: { slug: string; status: string }) {
  const router = useRouter();
  const [reason, setReason] = useState("");
  if (status === "suspended") {
    return (
      <ActionDialog
        triggerLabel="Reactivate"
        title={`Reactivate ${slug}?`}
        description="Its pages, sign-in and API work again at once; the suspension reason is cleared."
        confirmLabel="Reactivate"
        tone="primary"
        onConfirm={async () => {
          const answer = await callAdminApi("POST", `/api/admin/tenants/${slug}/reactivate`);
          if (answer.ok) router.refresh();
          return answer.message;
        }}
      />
    );
  }
  return (
    <ActionDialog
      triggerLabel="Suspend…"
      title={`Suspend ${slug}?`}
      description="Its pages show the suspended page and its API answers 403 at once. Its staff see the reason below; its customers see a neutral message."
      confirmLabel="Suspend"
      tone="danger"
      onOpenChange={(open) => open && setReason("")}
      onConfirm={async () => {
        const answer = await callAdminApi("POST", `/api/admin/tenants/${slug}/suspend`, { reason });
        if (answer.ok) router.refresh();
        return answer.fieldErrors?.reason?.[0] ?? answer.message;
      }}
    >
      <label className="block text-sm font-medium text-slate-800">
        Reason (shown to the tenant&apos;s staff)
        <textarea
          value={reason}
          onChange={(event) => setReason(event.target.value)}
          required
          maxLength={500}
          rows={3}
          className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
        />
      </label>
    </ActionDialog>
  );
}
