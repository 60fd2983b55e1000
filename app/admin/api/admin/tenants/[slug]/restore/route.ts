import { handleTenantOperation } from "@/lib/admin-operations/admin-operation-handlers";
import { restoreBodySchema } from "@/lib/admin-operations/admin-operation-kinds";
import { withPlatformAdmin } from "@/lib/http/with-platform-admin";

/** Restores one of the tenant's backups ({ backupId }) or the tenant as it was at a time ({ at }). */
export const POST = withPlatformAdmin(({ request, identity, params, body }) => handleTenantOperation({ request, identity, slug: params.slug! }, "tenant.restore", body), {
  body: restoreBodySchema,
  auditAction: "admin.tenant_restored",
});
