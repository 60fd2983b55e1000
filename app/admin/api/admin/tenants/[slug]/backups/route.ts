import { handleTenantOperation } from "@/lib/admin-operations/admin-operation-handlers";
import { withPlatformAdmin } from "@/lib/http/with-platform-admin";

/** Back up now (kind manual). */
export const POST = withPlatformAdmin(({ request, identity, params }) => handleTenantOperation({ request, identity, slug: params.slug! }, "tenant.backup", {}), {
  auditAction: "admin.tenant_backed_up",
});
