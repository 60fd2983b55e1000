"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { ActionDialog } from "./action-dialog";
import { callAdminApi } from "./admin-api-client";

/** Delete: type the slug to confirm; the server takes a final backup first and refuses a wrong slug. */
export function TenantDeleteControl({ slug }: { slug: string }) {
  const router = useRouter();
  const [typed, setTyped] = useState("");
  return (
    <ActionDialog
      triggerLabel="Delete tenant…"
      title={`Delete ${slug}?`}
      description="A final backup is taken first (restorable), then its schema, users and files are removed. The slug stays reserved."
      confirmLabel="Delete for good"
      tone="danger"
      onOpenChange={(open) => open && setTyped("")}
      onConfirm={async () => {
        const answer = await callAdminApi("DELETE", `/api/admin/tenants/${slug}`, { confirmSlug: typed });
        if (!answer.ok) return answer.fieldErrors?.confirmSlug?.[0] ?? answer.message;
        router.refresh();
        return null;
      }}
    >
      <label className="block text-sm font-medium text-slate-800">
        Type <code className="rounded bg-slate-100 px-1">{slug}</code> to confirm
        <input value={typed} onChange={(event) => setTyped(event.target.value)} autoComplete="off" className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm" />
      </label>
    </ActionDialog>
  );
}
