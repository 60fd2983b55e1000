import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Identity } from "@/lib/auth/identity";
import { forgetCachedUser } from "@/lib/auth/identity-cache";
import { appPool, inTransaction } from "@/lib/db/pools";
import { AppError } from "@/lib/errors/app-error";
import type { TenantRequestContext } from "@/lib/tenancy/context";
import { assertAnotherActiveOwner, lockMember, lockTeam, requireOwner } from "./team-guards";

/**
 * Disables a member and ends their sessions and tokens; their unused invitation and password links
 * are deleted with it. Not yourself, owners only by owners, and never the last active owner.
 */
export async function deactivateMember(context: Pick<TenantRequestContext, "tenant">, actor: Pick<Identity, "userId">, userId: string): Promise<{ id: string; status: "disabled" }> {
  if (userId === actor.userId) throw new AppError({ code: "conflict", message: "You cannot deactivate yourself" });
  const tenantId = context.tenant.id;
  await inTransaction(appPool(), async (client) => {
    const deactivator = await lockTeam(client, tenantId, actor.userId);
    const member = await lockMember(client, tenantId, userId);
    if (member.role === "owner") requireOwner(deactivator, "Only owners can deactivate owners");
    if (member.status === "disabled") return;
    if (member.role === "owner" && member.status === "active") await assertAnotherActiveOwner(client, tenantId, member.id);
    await client.query("UPDATE public.users SET status = 'disabled', session_version = session_version + 1, updated_at = now() WHERE id = $1", [member.id]);
    await client.query("DELETE FROM public.password_tokens WHERE user_id = $1 AND used_at IS NULL", [member.id]);
    await recordAuditEvent({ tenantId, actorUserId: deactivator.id, action: "team.deactivated", target: member.email, metadata: { userId } }, client);
  }, context.tenant.id);
  await forgetCachedUser(userId, tenantId);
  return { id: userId, status: "disabled" };
}
