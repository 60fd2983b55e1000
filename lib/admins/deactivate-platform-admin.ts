import { forgetCachedUser } from "@/lib/auth/identity-cache";
import { inTransaction, platformPool } from "@/lib/db/pools";
import { isUuid } from "@/lib/db/uuid";
import { AppError } from "@/lib/errors/app-error";

function adminNotFound(): AppError {
  return new AppError({ code: "not_found", message: "No such platform admin" });
}

/**
 * Removes a platform admin: disabled (the row stays for the audit trail), every session and token ended,
 * unused links deleted. Never yourself, and never the last active admin (409). Locking every admin row
 * makes two admins removing each other at once leave one.
 */
export async function deactivatePlatformAdmin(actorUserId: string, userId: string): Promise<{ id: string; email: string; status: "disabled" }> {
  if (!isUuid(userId)) throw adminNotFound();
  if (userId === actorUserId) throw new AppError({ code: "conflict", message: "You cannot remove yourself: ask another platform admin" });
  const email = await inTransaction(
    platformPool(),
    async (client) => {
      const { rows } = await client.query<{ id: string; email: string; status: string }>(
        "SELECT id, email, status FROM public.users WHERE tenant_id IS NULL AND role = 'platform_admin' ORDER BY id FOR UPDATE",
      );
      const target = rows.find((row) => row.id === userId);
      if (!target) throw adminNotFound();
      if (target.status === "disabled") return target.email;
      const othersActive = rows.filter((row) => row.id !== userId && row.status === "active").length;
      if (target.status === "active" && othersActive === 0) throw new AppError({ code: "conflict", message: "The platform needs at least one active admin: add another first" });
      await client.query("UPDATE public.users SET status = 'disabled', session_version = session_version + 1, updated_at = now() WHERE id = $1", [userId]);
      await client.query("DELETE FROM public.password_tokens WHERE user_id = $1 AND used_at IS NULL", [userId]);
      return target.email;
    },
    null,
  );
  await forgetCachedUser(userId, null);
  return { id: userId, email, status: "disabled" };
}
