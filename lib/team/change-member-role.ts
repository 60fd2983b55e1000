import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Identity } from "@/lib/auth/identity";
import { inTransaction, ownerPool } from "@/lib/db/pools";
import { AppError } from "@/lib/errors/app-error";
import type { TenantRequestContext } from "@/lib/tenancy/context";
import { changeRoleSchema } from "./member-schema";
import { assertAnotherActiveOwner, lockMember } from "./team-guards";

/** Changes a member's role. Only owners touch the owner role; the last active owner cannot be demoted. */
export async function changeMemberRole(context: Pick<TenantRequestContext, "tenant">, actor: Pick<Identity, "userId" | "role">, userId: string, rawInput: { role: string }): Promise<{ id: string; role: string }> {
  const parsed = changeRoleSchema.safeParse(rawInput);
  if (!parsed.success) throw AppError.fromZod(parsed.error, "Role not changed");
  const { role } = parsed.data;
  const change = await inTransaction(ownerPool(), async (client) => {
    const member = await lockMember(client, context.tenant.id, userId);
    if ((member.role === "owner" || role === "owner") && actor.role !== "owner") throw new AppError({ code: "forbidden", message: "Only owners can grant or remove the owner role" });
    if (member.role === "owner" && role !== "owner") await assertAnotherActiveOwner(client, context.tenant.id, member.id);
    // A new role means new permissions: existing sessions and tokens are re-issued with it.
    await client.query("UPDATE public.users SET role = $2, session_version = session_version + 1, updated_at = now() WHERE id = $1", [member.id, role]);
    return { from: member.role, email: member.email };
  });
  await recordAuditEvent({ tenantId: context.tenant.id, actorUserId: actor.userId, action: "team.role_changed", target: change.email, metadata: { userId, from: change.from, to: role } });
  return { id: userId, role };
}
