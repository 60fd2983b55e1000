import { handleTenantOperation } from "@/lib/admin-operations/admin-operation-handlers";
import { optimizeBodySchema } from "@/lib/admin-operations/admin-operation-kinds";
import { readTenantOptimization } from "@/lib/health/read-tenant-optimization";
import { withPlatformAdmin } from "@/lib/http/with-platform-admin";

/** The latest optimisation report the operator worker stored, with its time. */
export const GET = withPlatformAdmin(({ params }) => readTenantOptimization(params.slug!));

/** Queues a fresh report (`apply: false`) or applies it (`apply: true`: VACUUM ANALYZE stale tables, create suggested indexes). */
export const POST = withPlatformAdmin(({ request, identity, params, body }) => handleTenantOperation({ request, identity, slug: params.slug! }, "tenant.optimize", body), {
  body: optimizeBodySchema,
  auditAction: "admin.tenant_optimized",
});
