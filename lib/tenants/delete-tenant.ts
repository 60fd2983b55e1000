import { inTransaction, ownerPool } from "@/lib/db/pools";
import { quoteIdent, tenantSchemaName } from "@/lib/db/schema-name";
import { AppError } from "@/lib/errors/app-error";
import { findTenantBySlug } from "./find-tenant";
import { publishTenantChange } from "./publish-tenant-change";

/**
 * Deletes a tenant's data: drops its schema, its users, settings and domain, and marks the row
 * `deleted`. The row (and so the slug) is kept: a slug is never handed to a new tenant, so old links
 * and bookmarks can never reach someone else's workspace.
 */
export async function deleteTenant(slug: string, actorUserId: string | null = null): Promise<{ id: string; slug: string; schema: string }> {
  const tenant = await findTenantBySlug(slug);
  if (tenant.status === "deleted") throw new AppError({ code: "conflict", message: `Tenant "${slug}" is already deleted` });
  const schema = tenantSchemaName(tenant.id);
  await inTransaction(ownerPool(), async (client) => {
    await client.query(`DROP SCHEMA IF EXISTS ${quoteIdent(schema)} CASCADE`);
    await client.query("DELETE FROM public.schema_migrations WHERE schema_name = $1", [schema]);
    await client.query("DELETE FROM public.users WHERE tenant_id = $1", [tenant.id]);
    await client.query("DELETE FROM public.tenant_settings WHERE tenant_id = $1", [tenant.id]);
    await client.query(
      `UPDATE public.tenants SET status = 'deleted', custom_domain = NULL, custom_domain_verified = false,
       dns_verification_token = NULL, updated_at = now() WHERE id = $1`,
      [tenant.id],
    );
    await client.query(
      "INSERT INTO public.audit_logs (tenant_id, actor_user_id, action, target) VALUES ($1, $2, 'tenant.deleted', $3)",
      [tenant.id, actorUserId, slug],
    );
  });
  await publishTenantChange(tenant.id);
  return { id: tenant.id, slug, schema };
}
