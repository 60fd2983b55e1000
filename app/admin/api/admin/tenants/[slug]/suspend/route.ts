import { handleTenantOperation } from "@/lib/admin-operations/admin-operation-handlers";
import { suspendBodySchema } from "@/lib/admin-operations/admin-operation-kinds";
import { withPlatformAdmin } from "@/lib/http/with-platform-admin";

export const POST = withPlatformAdmin(({ request, identity, params, body }) => handleTenantOperation({ request, identity, slug: params.slug! }, "tenant.suspend", body), {
  body: suspendBodySchema,
  auditAction: "admin.tenant_suspended",
});
