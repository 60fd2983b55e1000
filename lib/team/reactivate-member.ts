import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Identity } from "@/lib/auth/identity";
import { appPool, inTransaction } from "@/lib/db/pools";
import type { TenantRequestContext } from "@/lib/tenancy/context";
import { assertSeatsWithinPlan, lockMember, lockTeam, requireOwner } from "./team-guards";

/**
 * Undoes deactivateMember: the member takes a seat again and signs in with their password (sessions
 * from before the deactivation stay ended). Someone who never accepted their invitation becomes
 * invited again, without a link until it is re-sent. Owners only by owners.
 */
export async function reactivateMember(
  context: Pick<TenantRequestContext, "tenant">,
  actor: Pick<Identity, "userId">,
  userId: string,
): Promise<{ id: string; status: "active" | "invited" }> {
  const tenantId = context.tenant.id;
  return inTransaction(appPool(), async (client) => {
    const reactivator = await lockTeam(client, tenantId, actor.userId);
    const member = await lockMember(client, tenantId, userId);
    if (member.role === "owner") requireOwner(reactivator, "Only owners can reactivate owners");
    if (member.status !== "disabled") return { id: member.id, status: member.status === "active" ? "active" : "invited" };
    const { rows } = await client.query<{ status: "active" | "invited" }>(
      `UPDATE public.users SET status = CASE WHEN password_hash IS NULL THEN 'invited' ELSE 'active' END, updated_at = now()
       WHERE id = $1 RETURNING status`,
      [member.id],
    );
    const status = rows[0]!.status;
    await assertSeatsWithinPlan(client, tenantId);
    await recordAuditEvent({ tenantId, actorUserId: reactivator.id, action: "team.reactivated", target: member.email, metadata: { userId, status } }, client);
    return { id: member.id, status };
  }, context.tenant.id);
}
