import { handleTenantOperation } from "@/lib/admin-operations/admin-operation-handlers";
import { createTenantBodySchema } from "@/lib/admin-operations/admin-operation-kinds";
import { listConsoleTenants, tenantListQuerySchema } from "@/lib/admin-console/list-tenants";
import { withPlatformAdmin } from "@/lib/http/with-platform-admin";

export const GET = withPlatformAdmin(({ query }) => listConsoleTenants(query), { query: tenantListQuerySchema });

export const POST = withPlatformAdmin(({ request, identity, body }) => handleTenantOperation({ request, identity, slug: null }, "tenant.create", body), {
  body: createTenantBodySchema,
  auditAction: "admin.tenant_created",
});
