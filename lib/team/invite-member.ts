import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Identity } from "@/lib/auth/identity";
import { issuePasswordToken } from "@/lib/auth/password-token";
import { inTransaction, ownerPool } from "@/lib/db/pools";
import { AppError } from "@/lib/errors/app-error";
import { sendMail } from "@/lib/mail/mailer";
import type { TenantRequestContext } from "@/lib/tenancy/context";
import { inviteMemberSchema, type InviteMemberInput } from "./member-schema";

/** Invites a staff member: an invited user and a one-week invite link by mail (sent after commit). Only owners invite owners. */
export async function inviteMember(
  context: Pick<TenantRequestContext, "tenant">,
  inviter: Pick<Identity, "userId" | "role">,
  rawInput: InviteMemberInput,
  baseUrl: string,
): Promise<{ userId: string; email: string; role: string }> {
  const parsed = inviteMemberSchema.safeParse(rawInput);
  if (!parsed.success) throw AppError.fromZod(parsed.error, "Invitation not sent");
  const { email, role } = parsed.data;
  if (role === "owner" && inviter.role !== "owner") throw new AppError({ code: "forbidden", message: "Only owners can invite owners" });
  const { userId, token } = await inTransaction(ownerPool(), async (client) => {
    const inserted = await client.query<{ id: string }>(
      `INSERT INTO public.users (tenant_id, email, role, status) VALUES ($1, $2, $3, 'invited')
       ON CONFLICT (tenant_id, email) DO NOTHING RETURNING id`,
      [context.tenant.id, email, role],
    );
    const created = inserted.rows[0];
    if (!created) throw new AppError({ code: "conflict", message: `${email} is already a member of this workspace`, fieldErrors: { email: ["Already a member"] } });
    const issued = await issuePasswordToken(client, created.id, "invite");
    return { userId: created.id, token: issued.token };
  });
  await recordAuditEvent({ tenantId: context.tenant.id, actorUserId: inviter.userId, action: "team.invited", target: email, metadata: { role } });
  await sendMail({
    to: email,
    subject: `You are invited to ${context.tenant.name} on Asset Anchor`,
    text: `You have been invited to join ${context.tenant.name} as ${role}.\n\nAccept and choose your password here (the link works once, for 7 days):\n\n${baseUrl}/accept-invite?token=${token}\n`,
  });
  return { userId, email, role };
}
