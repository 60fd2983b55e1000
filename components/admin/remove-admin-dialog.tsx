"use client";

import { useRouter } from "next/navigation";
import { ActionDialog } from "./action-dialog";
import { callAdminApi } from "./admin-api-client";

/** "Remove": deactivates a platform admin (DELETE /api/admin/admins/[id]); the API refuses yourself and the last admin. */
export function RemoveAdminDialog({ id, email }: { id: string; email: string }) {
  const router = useRouter();
  return (
    <ActionDialog
      triggerLabel="Remove"
      title={`Remove ${email}?`}
      description="Their sessions and API tokens stop working at once and they can no longer sign in. You can add them again later."
      confirmLabel="Remove admin"
      tone="danger"
      onConfirm={async () => {
        const answer = await callAdminApi("DELETE", `/api/admin/admins/${id}`);
        if (answer.ok) router.refresh();
        return answer.message;
      }}
    />
  );
}
