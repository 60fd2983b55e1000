import { deactivatePlatformAdmin } from "@/lib/admins/deactivate-platform-admin";
import { withPlatformAdmin } from "@/lib/http/with-platform-admin";

/** Removes (deactivates) a platform admin; yourself or the last active admin → 409. */
export const DELETE = withPlatformAdmin(async ({ identity, params }) => ({ admin: await deactivatePlatformAdmin(identity.userId, params.id!) }), {
  auditAction: "admin.admin_removed",
});
