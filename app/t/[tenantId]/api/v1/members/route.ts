import { env } from "@/lib/env/env";
import { withTenant } from "@/lib/http/with-tenant";
import { getSeatUsage } from "@/lib/team/get-seat-usage";
import { inviteMember } from "@/lib/team/invite-member";
import { listMembers } from "@/lib/team/list-members";
import { inviteMemberSchema } from "@/lib/team/member-schema";

export const GET = withTenant(async ({ context }) => ({ data: await listMembers(context), seats: await getSeatUsage(context) }), { permission: "member:read" });

export const POST = withTenant(
  async ({ context, identity, body }) => Response.json(await inviteMember(context, identity, body, `${env().APP_PROTOCOL}://${context.host}`), { status: 201 }),
  { permission: "member:manage", body: inviteMemberSchema },
);
