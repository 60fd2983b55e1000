import { handleTenantOperation } from "@/lib/admin-operations/admin-operation-handlers";
import { withPlatformAdmin } from "@/lib/http/with-platform-admin";

export const POST = withPlatformAdmin(({ request, identity, params }) => handleTenantOperation({ request, identity, slug: params.slug! }, "tenant.reactivate", {}), {
  auditAction: "admin.tenant_reactivated",
});
