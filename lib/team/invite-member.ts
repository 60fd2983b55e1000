import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Identity } from "@/lib/auth/identity";
import { issuePasswordToken } from "@/lib/auth/password-token";
import { appPool, inTransaction } from "@/lib/db/pools";
import { AppError } from "@/lib/errors/app-error";
import type { TenantRequestContext } from "@/lib/tenancy/context";
import { mailInvitation } from "./invitation-mail";
import { inviteMemberSchema, type InviteMemberInput } from "./member-schema";
import { checkLimitNotices } from "@/lib/usage/check-limit-notices";
import { assertSeatsWithinPlan, lockTeam, requireOwner } from "./team-guards";

/**
 * Invites a staff member: an invited user, who takes a seat of the plan, and a one-week invite link
 * by mail (sent after commit). Only owners invite owners.
 */
export async function inviteMember(
  context: Pick<TenantRequestContext, "tenant">,
  inviter: Pick<Identity, "userId">,
  rawInput: InviteMemberInput,
  baseUrl: string,
): Promise<{ userId: string; email: string; role: string }> {
  const parsed = inviteMemberSchema.safeParse(rawInput);
  if (!parsed.success) throw AppError.fromZod(parsed.error, "Invitation not sent");
  const { email, role } = parsed.data;
  const tenantId = context.tenant.id;
  const { userId, token } = await inTransaction(appPool(), async (client) => {
    const invitedBy = await lockTeam(client, tenantId, inviter.userId);
    if (role === "owner") requireOwner(invitedBy, "Only owners can invite owners");
    const inserted = await client.query<{ id: string }>(
      `INSERT INTO public.users (tenant_id, email, role, status) VALUES ($1, $2, $3, 'invited')
       ON CONFLICT (tenant_id, email) DO NOTHING RETURNING id`,
      [tenantId, email, role],
    );
    const created = inserted.rows[0];
    if (!created) throw await alreadyThere(client, tenantId, email);
    await assertSeatsWithinPlan(client, tenantId);
    const issued = await issuePasswordToken(client, created.id, "invite");
    await recordAuditEvent({ tenantId, actorUserId: invitedBy.id, action: "team.invited", target: email, metadata: { userId: created.id, role } }, client);
    return { userId: created.id, token: issued.token };
  }, context.tenant.id);
  await mailInvitation({ to: email, tenantId: context.tenant.id, role, baseUrl, token });
  await checkLimitNotices(tenantId, ["members"]);
  return { userId, email, role };
}

async function alreadyThere(client: Parameters<typeof lockTeam>[0], tenantId: string, email: string): Promise<AppError> {
  const { rows } = await client.query<{ status: string; role: string }>("SELECT status, role FROM public.users WHERE tenant_id = $1 AND email = $2", [tenantId, email]);
  const existing = rows[0];
  if (existing && existing.role !== "customer" && existing.status === "disabled") {
    return new AppError({ code: "conflict", message: `${email} was deactivated: reactivate them on the Team page instead`, fieldErrors: { email: ["Deactivated member"] } });
  }
  return new AppError({ code: "conflict", message: `${email} is already a member of this workspace`, fieldErrors: { email: ["Already a member"] } });
}
