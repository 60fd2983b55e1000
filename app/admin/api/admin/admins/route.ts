import { invitePlatformAdmin, invitePlatformAdminSchema } from "@/lib/admins/invite-platform-admin";
import { listPlatformAdmins } from "@/lib/admins/list-platform-admins";
import { withPlatformAdmin } from "@/lib/http/with-platform-admin";

export const GET = withPlatformAdmin(async () => ({ admins: await listPlatformAdmins() }));

/** Invites a platform admin by mail: 201 with the invited admin. */
export const POST = withPlatformAdmin(async ({ body }) => Response.json({ admin: await invitePlatformAdmin(body) }, { status: 201 }), {
  body: invitePlatformAdminSchema,
  auditAction: "admin.admin_invited",
});
