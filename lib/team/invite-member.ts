import type { Identity } from "@/lib/auth/identity";
import { issuePasswordToken } from "@/lib/auth/password-token";
import { appPool, inTransaction } from "@/lib/db/pools";
import { AppError } from "@/lib/errors/app-error";
import { sendMail } from "@/lib/mail/mailer";
import type { TenantRequestContext } from "@/lib/tenancy/context";
import { inviteMemberSchema, type InviteMemberInput } from "./member-schema";
import { lockTeam, recordAuditEventIn, requireOwner } from "./team-guards";

/** Invites a staff member: an invited user and a one-week invite link by mail (sent after commit). Only owners invite owners. */
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
    if (!created) throw new AppError({ code: "conflict", message: `${email} is already a member of this workspace`, fieldErrors: { email: ["Already a member"] } });
    const issued = await issuePasswordToken(client, created.id, "invite");
    await recordAuditEventIn(client, { tenantId, actorUserId: invitedBy.id, action: "team.invited", target: email, metadata: { userId: created.id, role } });
    return { userId: created.id, token: issued.token };
  });
  await sendMail({
    to: email,
    subject: `You are invited to ${context.tenant.name} on Asset Anchor`,
    text: `You have been invited to join ${context.tenant.name} as ${role}.\n\nAccept and choose your password here (the link works once, for 7 days):\n\n${baseUrl}/accept-invite?token=${token}\n`,
  });
  return { userId, email, role };
}
