import { handleTenantOperation } from "@/lib/admin-operations/admin-operation-handlers";
import { planBodySchema } from "@/lib/admin-operations/admin-operation-kinds";
import { withPlatformAdmin } from "@/lib/http/with-platform-admin";

export const POST = withPlatformAdmin(
  ({ request, identity, params, body }) => handleTenantOperation({ request, identity, slug: params.slug! }, "tenant.plan", { plan: body.plan, force: body.force ?? false }),
  { body: planBodySchema, auditAction: "admin.tenant_plan_changed" },
);
