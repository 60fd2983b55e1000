import { platformPool } from "@/lib/db/pools";
import { planById, type Plan } from "@/lib/plans/plans";

/**
 * Cross-tenant plan reads for the admin console, as the platform role: which plan each tenant is on.
 * The one place besides tenant-profile.ts that reads a tenant's plan.
 */

/** The plan of each of these tenants (deleted ones too: their backups still age out under it). */
export async function readTenantPlans(tenantIds: readonly string[]): Promise<Map<string, Plan>> {
  if (tenantIds.length === 0) return new Map();
  const { rows } = await platformPool().query<{ id: string; plan_id: string }>("SELECT id, plan_id FROM public.tenants WHERE id = ANY($1::uuid[])", [tenantIds]);
  return new Map(rows.map((row) => [row.id, planById(row.plan_id)]));
}

