import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { appPool, inTransaction, platformPool } from "@/lib/db/pools";
import { sharedDbFor } from "@/lib/db/shared-client";
import { AppError } from "@/lib/errors/app-error";
import { passwordSchema } from "@/lib/tenants/tenant-input";
import { clearLoginFailures } from "./login-throttle";
import { forgetCachedUser } from "./identity-cache";
import { hashPassword } from "./password-hash";
import { hashPasswordToken } from "./password-token";

const INVALID_LINK = "This link is invalid, already used or expired. Ask for a new one.";

/**
 * Spends a set-password / reset-password token (single use, one hour) and sets the password.
 * Also activates an invited user, signs out every existing session and lifts a sign-in lock.
 */
export async function setPasswordWithToken(input: { token: string; password: string; tenantId: string | null }): Promise<{ userId: string; email: string }> {
  const password = passwordSchema.safeParse(input.password);
  if (!password.success) throw AppError.fromZod(password.error, "Choose another password");
  const passwordHash = await hashPassword(password.data);
  const tokenHash = hashPasswordToken(input.token);

  // The app role scoped to the link's tenant (row-level security), or the platform role for platform admins.
  const result = await inTransaction(input.tenantId ? appPool() : platformPool(), async (client) => {
    // Marking it used in the same statement that checks it makes a double submit spend it once.
    const spent = await client.query<{ user_id: string; purpose: string }>(
      `UPDATE public.password_tokens t SET used_at = now()
       FROM public.users u
       WHERE t.token_hash = $1 AND t.used_at IS NULL AND t.expires_at > now()
         AND u.id = t.user_id AND u.tenant_id IS NOT DISTINCT FROM $2 AND u.status <> 'disabled'
       RETURNING t.user_id, t.purpose`,
      [tokenHash, input.tenantId],
    );
    const row = spent.rows[0];
    if (!row) throw new AppError({ code: "bad_request", message: INVALID_LINK });
    const user = await client.query<{ email: string }>(
      `UPDATE public.users SET password_hash = $2, status = 'active', session_version = session_version + 1, updated_at = now()
       WHERE id = $1 RETURNING email`,
      [row.user_id, passwordHash],
    );
    return { userId: row.user_id, email: user.rows[0]!.email, purpose: row.purpose };
  }, input.tenantId);
  await forgetCachedUser(result.userId, input.tenantId);

  await clearLoginFailures(input.tenantId, result.email);
  await recordAuditEvent({
    tenantId: input.tenantId,
    actorUserId: result.userId,
    action: result.purpose === "reset_password" ? "auth.password_reset" : result.purpose === "invite" ? "team.invite_accepted" : "auth.password_set",
    target: result.email,
  });
  return { userId: result.userId, email: result.email };
}

/** "Sign out everywhere": every session cookie and API token issued before now stops working. */
export async function signOutEverywhere(userId: string, tenantId: string | null): Promise<void> {
  await sharedDbFor(tenantId).user.update({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } });
  await forgetCachedUser(userId, tenantId);
  await recordAuditEvent({ tenantId, actorUserId: userId, action: "auth.signed_out_everywhere", target: userId });
}
