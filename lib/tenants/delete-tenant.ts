import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { createBackup } from "@/lib/backups/create-backup";
import { deleteTenantObjects, listTenantObjects } from "@/lib/backups/tenant-files";
import { inTransaction, ownerPool } from "@/lib/db/pools";
import { quoteIdent, tenantSchemaName } from "@/lib/db/schema-name";
import { AppError } from "@/lib/errors/app-error";
import { logger } from "@/lib/log/logger";
import { findTenantBySlug } from "./find-tenant";
import { publishTenantChange } from "./publish-tenant-change";
import { TENANT_SHARED_TABLES, tenantRowsCondition } from "./tenant-shared-tables";

export interface DeletedTenant {
  id: string;
  slug: string;
  schema: string;
  /** The backup taken just before (restorable with `anchor backups restore <id>`), or null with backup: false. */
  finalBackup: string | null;
  filesRemoved: number;
}

/**
 * Deletes a tenant's data: takes a final backup first (unless told not to; a failed backup stops the
 * delete), then in one transaction drops its schema and its rows of every declared shared table
 * except its audit trail, and marks the row `deleted`; after the commit it removes its S3 objects.
 * The row (and so the slug) is kept: a slug is never handed to a new tenant, so old links and
 * bookmarks can never reach someone else's workspace.
 */
export async function deleteTenant(slug: string, actorUserId: string | null = null, options: { backup?: boolean } = {}): Promise<DeletedTenant> {
  const tenant = await findTenantBySlug(slug);
  if (tenant.status === "deleted") throw new AppError({ code: "conflict", message: `Tenant "${slug}" is already deleted` });
  const finalBackup = options.backup === false ? null : (await createBackup(slug, { kind: "final" })).summary.id;
  const schema = tenantSchemaName(tenant.id);
  await inTransaction(ownerPool(), async (client) => {
    await client.query(`DROP SCHEMA IF EXISTS ${quoteIdent(schema)} CASCADE`);
    await client.query("DELETE FROM public.schema_migrations WHERE schema_name = $1", [schema]);
    for (const entry of [...TENANT_SHARED_TABLES].reverse()) {
      if (entry.table === "tenants" || entry.table === "audit_logs") continue;
      await client.query(`DELETE FROM public.${quoteIdent(entry.table)} WHERE ${tenantRowsCondition(entry)}`, [tenant.id]);
    }
    await client.query(
      `UPDATE public.tenants SET status = 'deleted', custom_domain = NULL, custom_domain_verified = false,
       dns_verification_token = NULL, updated_at = now() WHERE id = $1`,
      [tenant.id],
    );
    await recordAuditEvent({ tenantId: tenant.id, actorUserId, action: "tenant.deleted", target: slug, metadata: { finalBackup } }, client);
  });
  await publishTenantChange(tenant.id);
  let filesRemoved = 0;
  try {
    const objects = await listTenantObjects(tenant.id);
    await deleteTenantObjects(tenant.id, objects.map((object) => object.name));
    filesRemoved = objects.length;
  } catch (error) {
    // The data is gone and nothing refers to the objects any more; a re-run of the removal is safe.
    logger.error({ err: error, tenantId: tenant.id }, "tenant deleted but its files could not all be removed");
    throw new AppError({ code: "internal", message: `Tenant "${slug}" was deleted but removing its files failed: ${(error as Error).message}`, cause: error });
  }
  return { id: tenant.id, slug, schema, finalBackup, filesRemoved };
}
