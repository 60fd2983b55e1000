import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Identity } from "@/lib/auth/identity";
import { issuePasswordToken } from "@/lib/auth/password-token";
import { appPool, inTransaction } from "@/lib/db/pools";
import { AppError } from "@/lib/errors/app-error";
import type { TenantRequestContext } from "@/lib/tenancy/context";
import { mailInvitation } from "./invitation-mail";
import { assertSeatsWithinPlan, lockMember, lockTeam, requireOwner } from "./team-guards";

/**
 * Sends a pending invitation again with a new one-week link; the links sent before stop working.
 * Only owners re-send owners' invitations. If the mail fails the invitation stays pending (503).
 */
export async function resendInvitation(
  context: Pick<TenantRequestContext, "tenant">,
  actor: Pick<Identity, "userId">,
  userId: string,
  baseUrl: string,
): Promise<{ id: string; email: string; expiresAt: string }> {
  const tenantId = context.tenant.id;
  const { member, token, expiresAt } = await inTransaction(appPool(), async (client) => {
    const sender = await lockTeam(client, tenantId, actor.userId);
    const invitee = await lockMember(client, tenantId, userId);
    if (invitee.role === "owner") requireOwner(sender, "Only owners can re-send an owner's invitation");
    if (invitee.status !== "invited") {
      const message = invitee.status === "active" ? `${invitee.email} has already accepted the invitation` : `${invitee.email} is deactivated: reactivate them first`;
      throw new AppError({ code: "conflict", message });
    }
    await assertSeatsWithinPlan(client, tenantId);
    const replaced = await client.query("DELETE FROM public.password_tokens WHERE user_id = $1 AND used_at IS NULL", [invitee.id]);
    const issued = await issuePasswordToken(client, invitee.id, "invite");
    await recordAuditEvent({
      tenantId,
      actorUserId: sender.id,
      action: "team.invite_resent",
      target: invitee.email,
      metadata: { userId: invitee.id, role: invitee.role, replacedLinks: replaced.rowCount ?? 0 },
    }, client);
    return { member: invitee, ...issued };
  }, context.tenant.id);
  await mailInvitation({ to: member.email, tenantId: context.tenant.id, role: member.role, baseUrl, token });
  return { id: member.id, email: member.email, expiresAt: expiresAt.toISOString() };
}
