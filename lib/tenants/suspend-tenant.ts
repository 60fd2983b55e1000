import { inTransaction, ownerPool } from "@/lib/db/pools";
import { platformDb } from "@/lib/db/shared-client";
import { AppError } from "@/lib/errors/app-error";
import { findTenantBySlug, type TenantDetails } from "./find-tenant";
import { publishTenantChange } from "./publish-tenant-change";

export interface TenantSuspension {
  reason: string | null;
  suspendedAt: string | null;
  suspendedBy: { id: string; email: string; name: string | null } | null;
}

export interface SuspendTenantInput {
  /** Shown to the tenant's staff on its suspended page, never to its customers. Null only from the CLI. */
  reason: string | null;
  actorUserId: string | null;
}

/**
 * Suspends a tenant with a reason: its pages answer with the suspended page and its API with 403 at once
 * in every process (publishTenantChange). Suspending a suspended tenant replaces the reason. One
 * transaction for the row and its audit event; refused for a deleted or provisioning tenant.
 */
export async function suspendTenant(slug: string, input: SuspendTenantInput): Promise<TenantDetails & { suspension: TenantSuspension }> {
  const tenant = await findTenantBySlug(slug);
  if (tenant.status !== "active" && tenant.status !== "suspended") {
    throw new AppError({ code: "conflict", message: `Tenant "${slug}" is ${tenant.status} and cannot be suspended` });
  }
  await inTransaction(ownerPool(), async (client) => {
    await client.query(
      "UPDATE public.tenants SET status = 'suspended', suspension_reason = $2, suspended_at = now(), suspended_by = $3, updated_at = now() WHERE id = $1",
      [tenant.id, input.reason, input.actorUserId],
    );
    await client.query("INSERT INTO public.audit_logs (tenant_id, actor_user_id, action, target, metadata) VALUES ($1, $2, 'tenant.suspended', $3, $4)", [
      tenant.id,
      input.actorUserId,
      slug,
      { reason: input.reason, previousStatus: tenant.status },
    ]);
  }, null);
  await publishTenantChange(tenant.id);
  return { ...(await findTenantBySlug(slug)), suspension: await readTenantSuspension(tenant.id) };
}

/** Reactivates a suspended tenant (an active one is left as it is) and clears the reason; audited. */
export async function reactivateTenant(slug: string, input: { actorUserId: string | null }): Promise<TenantDetails> {
  const tenant = await findTenantBySlug(slug);
  if (tenant.status === "active") return tenant;
  if (tenant.status !== "suspended") throw new AppError({ code: "conflict", message: `Tenant "${slug}" is ${tenant.status} and cannot be reactivated` });
  await inTransaction(ownerPool(), async (client) => {
    await client.query(
      "UPDATE public.tenants SET status = 'active', suspension_reason = NULL, suspended_at = NULL, suspended_by = NULL, updated_at = now() WHERE id = $1",
      [tenant.id],
    );
    await client.query("INSERT INTO public.audit_logs (tenant_id, actor_user_id, action, target, metadata) VALUES ($1, $2, 'tenant.activated', $3, '{}')", [
      tenant.id,
      input.actorUserId,
      slug,
    ]);
  }, null);
  await publishTenantChange(tenant.id);
  return findTenantBySlug(slug);
}

/** Why a tenant is suspended (platform role: the web tier can read it for the suspended page and the console). */
export async function readTenantSuspension(tenantId: string): Promise<TenantSuspension> {
  const row = await platformDb().tenant.findUnique({ where: { id: tenantId }, select: { suspensionReason: true, suspendedAt: true, suspendedBy: true } });
  if (!row) throw new AppError({ code: "not_found", message: "No such tenant" });
  const admin = row.suspendedBy ? await platformDb().user.findUnique({ where: { id: row.suspendedBy }, select: { id: true, email: true, name: true } }) : null;
  return { reason: row.suspensionReason, suspendedAt: row.suspendedAt?.toISOString() ?? null, suspendedBy: admin };
}
