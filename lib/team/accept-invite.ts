import { hashPasswordToken } from "@/lib/auth/password-token";
import { setPasswordWithToken } from "@/lib/auth/set-password";
import { sharedDbFor } from "@/lib/db/shared-client";
import { AppError } from "@/lib/errors/app-error";

/**
 * Spends an invitation link: sets the invitee's password and makes them an active member
 * (setPasswordWithToken checks expiry, single use and the tenant, and audits team.invite_accepted).
 * Only links issued as invitations are taken here, so a reset link cannot pose as one.
 */
export async function acceptInvite(input: { token: string; password: string; tenantId: string }): Promise<{ userId: string; email: string }> {
  const issued = await sharedDbFor(input.tenantId).passwordToken.findUnique({ where: { tokenHash: hashPasswordToken(input.token) }, select: { purpose: true } });
  if (issued?.purpose !== "invite") throw new AppError({ code: "bad_request", message: "This invitation link is invalid, already used or expired. Ask for a new one." });
  return setPasswordWithToken(input);
}
