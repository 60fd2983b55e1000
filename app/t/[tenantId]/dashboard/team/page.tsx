import type { Metadata } from "next";
import { InviteMemberForm, MemberControls } from "@/components/dashboard/team-controls";
import { requireStaff } from "@/lib/auth/page-identity";
import { can } from "@/lib/auth/permissions";
import { getSeatUsage } from "@/lib/team/get-seat-usage";
import { listMembers } from "@/lib/team/list-members";
import { changeRoleAction, deactivateMemberAction, inviteMemberAction, reactivateMemberAction, resendInvitationAction } from "./actions";

export const metadata: Metadata = { title: "Team" };

export default async function TeamPage({ params }: PageProps<"/t/[tenantId]/dashboard/team">) {
  const { context, identity } = await requireStaff((await params).tenantId, "member:read");
  const [members, seats] = await Promise.all([listMembers(context), getSeatUsage(context)]);
  const mayManage = can(identity.role, "member:manage");
  return (
    <main className="mx-auto max-w-5xl space-y-6 px-4 py-8 sm:px-6">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-bold tracking-tight text-slate-900">Team</h1>
        <p className="text-sm text-slate-600">
          <span data-testid="seats">
            {seats.used} of {seats.max} seats used
          </span>{" "}
          on the {seats.plan} plan (active members and pending invitations)
        </p>
      </div>
      {mayManage && seats.used >= seats.max ? (
        <p role="note" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
          Every seat is taken. Deactivate a member or upgrade the plan to invite someone new.
        </p>
      ) : null}
      {mayManage ? <InviteMemberForm action={inviteMemberAction} /> : null}
      <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white" aria-label="Members">
        {members.map((member) => (
          <li key={member.id} data-testid="member" className="flex flex-wrap items-center justify-between gap-3 px-4 py-3 text-sm">
            <div>
              <p className="font-medium text-slate-900">{member.email}</p>
              <p className="text-slate-600">
                <span data-testid="member-role">{member.role}</span> · <span data-testid="member-status">{member.status}</span>
              </p>
            </div>
            {mayManage && member.id !== identity.userId ? (
              <MemberControls
                id={member.id}
                email={member.email}
                role={member.role}
                status={member.status}
                changeRole={changeRoleAction}
                deactivate={deactivateMemberAction}
                reactivate={reactivateMemberAction}
                resendInvitation={resendInvitationAction}
              />
            ) : null}
          </li>
        ))}
      </ul>
    </main>
  );
}
