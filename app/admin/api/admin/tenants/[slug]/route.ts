import { readTenantOverview } from "@/lib/admin-console/read-tenant-overview";
import { handleTenantOperation } from "@/lib/admin-operations/admin-operation-handlers";
import { deleteBodySchema } from "@/lib/admin-operations/admin-operation-kinds";
import { AppError } from "@/lib/errors/app-error";
import { withPlatformAdmin } from "@/lib/http/with-platform-admin";

export const GET = withPlatformAdmin(({ params }) => readTenantOverview(params.slug ?? ""));

export const DELETE = withPlatformAdmin(
  ({ request, identity, params, body }) => {
    if (body.confirmSlug !== params.slug) {
      throw new AppError({ code: "validation_failed", message: `Type the tenant's slug "${params.slug}" to confirm`, fieldErrors: { confirmSlug: [`Type "${params.slug}" to confirm`] } });
    }
    return handleTenantOperation({ request, identity, slug: params.slug! }, "tenant.delete", {});
  },
  { body: deleteBodySchema, auditAction: "admin.tenant_deleted" },
);
