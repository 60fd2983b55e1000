import { withPlatformAdmin } from "@/lib/http/with-platform-admin";
import { endImpersonation } from "@/lib/impersonation/end-impersonation";
import { findAdminTenant } from "@/lib/impersonation/find-admin-tenant";

export const DELETE = withPlatformAdmin(
  async ({ params, identity }) => endImpersonation((await findAdminTenant(params.slug!)).id, params.id!, identity.userId, "console"),
  { auditAction: "admin.impersonation_ended" },
);
