import { platformPool } from "@/lib/db/pools";
import { findTenantBySlug } from "@/lib/tenants/find-tenant";
import type { OptimizeReport } from "./optimize-tenant";

export interface TenantOptimizationSnapshot {
  slug: string;
  /** The latest report the operator worker computed (a `tenant.optimize` operation), or null before the first. */
  report: OptimizeReport | null;
  computedAt: string | null;
  operationId: string | null;
  /** A report or an apply is queued or running now. */
  pending: boolean;
}

/**
 * The tenant page's optimisation report. The web tier has no owner role (VACUUM, pg_stat_statements), so
 * it never computes one: it shows the latest snapshot the operator worker stored as the result of a
 * `tenant.optimize` operation (docs/health-and-analytics.md § Per-tenant DB optimisation).
 */
export async function readTenantOptimization(slug: string): Promise<TenantOptimizationSnapshot> {
  const tenant = await findTenantBySlug(slug);
  const { rows } = await platformPool().query<{ id: string; result: OptimizeReport; finished_at: Date }>(
    `SELECT id, result, finished_at FROM public.admin_operations
      WHERE tenant_slug = $1 AND kind = 'tenant.optimize' AND status = 'succeeded' ORDER BY finished_at DESC LIMIT 1`,
    [tenant.slug],
  );
  const pending = await platformPool().query("SELECT 1 FROM public.admin_operations WHERE tenant_slug = $1 AND kind = 'tenant.optimize' AND status IN ('queued', 'running') LIMIT 1", [tenant.slug]);
  const latest = rows[0];
  // A slug reused after a delete must not show the old tenant's report.
  const report = latest && latest.result.tenantId === tenant.id ? latest : undefined;
  return { slug: tenant.slug, report: report?.result ?? null, computedAt: report?.finished_at.toISOString() ?? null, operationId: report?.id ?? null, pending: (pending.rowCount ?? 0) > 0 };
}
