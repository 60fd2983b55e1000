import { handleTenantOperation } from "@/lib/admin-operations/admin-operation-handlers";
import { flagBodySchema } from "@/lib/admin-operations/admin-operation-kinds";
import { withPlatformAdmin } from "@/lib/http/with-platform-admin";
import { parseFeatureFlag } from "@/lib/tenant-profile/set-feature-flag";

export const PUT = withPlatformAdmin(
  ({ request, identity, params, body }) => handleTenantOperation({ request, identity, slug: params.slug! }, "tenant.flag", { flag: parseFeatureFlag(params.flag!), enabled: body.enabled }),
  { body: flagBodySchema, auditAction: "admin.tenant_flag_set" },
);

/** Clears the override: the tenant follows its plan again. */
export const DELETE = withPlatformAdmin(
  ({ request, identity, params }) => handleTenantOperation({ request, identity, slug: params.slug! }, "tenant.flag", { flag: parseFeatureFlag(params.flag!), enabled: null }),
  { auditAction: "admin.tenant_flag_cleared" },
);
