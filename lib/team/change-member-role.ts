import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Identity } from "@/lib/auth/identity";
import { forgetCachedUser } from "@/lib/auth/identity-cache";
import { appPool, inTransaction } from "@/lib/db/pools";
import { AppError } from "@/lib/errors/app-error";
import type { TenantRequestContext } from "@/lib/tenancy/context";
import { changeRoleSchema } from "./member-schema";
import { assertAnotherActiveOwner, lockMember, lockTeam, requireOwner } from "./team-guards";

/** Changes a member's role. Only owners touch the owner role; the last active owner cannot be demoted. */
export async function changeMemberRole(context: Pick<TenantRequestContext, "tenant">, actor: Pick<Identity, "userId">, userId: string, rawInput: { role: string }): Promise<{ id: string; role: string }> {
  const parsed = changeRoleSchema.safeParse(rawInput);
  if (!parsed.success) throw AppError.fromZod(parsed.error, "Role not changed");
  const { role } = parsed.data;
  const tenantId = context.tenant.id;
  await inTransaction(appPool(), async (client) => {
    const changer = await lockTeam(client, tenantId, actor.userId);
    const member = await lockMember(client, tenantId, userId);
    if (member.role === "owner" || role === "owner") requireOwner(changer, "Only owners can grant or remove the owner role");
    if (member.role === role) return;
    if (member.role === "owner" && member.status === "active") await assertAnotherActiveOwner(client, tenantId, member.id);
    // A new role means new permissions: existing sessions and tokens are re-issued with it.
    await client.query("UPDATE public.users SET role = $2, session_version = session_version + 1, updated_at = now() WHERE id = $1", [member.id, role]);
    await recordAuditEvent({ tenantId, actorUserId: changer.id, action: "team.role_changed", target: member.email, metadata: { userId, from: member.role, to: role } }, client);
  }, context.tenant.id);
  await forgetCachedUser(userId, tenantId);
  return { id: userId, role };
}
