"use server";

import { z } from "zod";
import { env } from "@/lib/env/env";
import { tenantAction } from "@/lib/http/tenant-action";
import { changeMemberRole } from "@/lib/team/change-member-role";
import { deactivateMember } from "@/lib/team/deactivate-member";
import { inviteMember } from "@/lib/team/invite-member";
import { changeRoleSchema, inviteMemberSchema } from "@/lib/team/member-schema";
import { reactivateMember } from "@/lib/team/reactivate-member";
import { resendInvitation } from "@/lib/team/resend-invitation";

export const inviteMemberAction = tenantAction({ permission: "member:manage", input: inviteMemberSchema }, ({ context, identity, input }) =>
  inviteMember(context, identity, input, `${env().APP_PROTOCOL}://${context.host}`),
);

export const changeRoleAction = tenantAction({ permission: "member:manage", input: changeRoleSchema.extend({ id: z.string() }) }, ({ context, identity, input }) =>
  changeMemberRole(context, identity, input.id, { role: input.role }),
);

export const deactivateMemberAction = tenantAction({ permission: "member:manage", input: z.object({ id: z.string() }) }, ({ context, identity, input }) => deactivateMember(context, identity, input.id));

export const reactivateMemberAction = tenantAction({ permission: "member:manage", input: z.object({ id: z.string() }) }, ({ context, identity, input }) => reactivateMember(context, identity, input.id));

export const resendInvitationAction = tenantAction({ permission: "member:manage", input: z.object({ id: z.string() }) }, ({ context, identity, input }) =>
  resendInvitation(context, identity, input.id, `${env().APP_PROTOCOL}://${context.host}`),
);
