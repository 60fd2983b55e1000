import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Identity } from "@/lib/auth/identity";
import { inTransaction, ownerPool } from "@/lib/db/pools";
import { AppError } from "@/lib/errors/app-error";
import type { TenantRequestContext } from "@/lib/tenancy/context";
import { assertAnotherActiveOwner, lockMember } from "./team-guards";

/** Disables a member and ends their sessions and tokens. Not yourself, and never the last active owner. */
export async function deactivateMember(context: Pick<TenantRequestContext, "tenant">, actor: Pick<Identity, "userId" | "role">, userId: string): Promise<{ id: string; status: "disabled" }> {
  if (userId === actor.userId) throw new AppError({ code: "conflict", message: "You cannot deactivate yourself" });
  const email = await inTransaction(ownerPool(), async (client) => {
    const member = await lockMember(client, context.tenant.id, userId);
    if (member.role === "owner") {
      if (actor.role !== "owner") throw new AppError({ code: "forbidden", message: "Only owners can deactivate owners" });
      await assertAnotherActiveOwner(client, context.tenant.id, member.id);
    }
    await client.query("UPDATE public.users SET status = 'disabled', session_version = session_version + 1, updated_at = now() WHERE id = $1", [member.id]);
    return member.email;
  });
  await recordAuditEvent({ tenantId: context.tenant.id, actorUserId: actor.userId, action: "team.deactivated", target: email, metadata: { userId } });
  return { id: userId, status: "disabled" };
}
