import { inTransaction, ownerPool } from "@/lib/db/pools";
import { AppError, type PlanLimitDetails } from "@/lib/errors/app-error";
import { formatLimit, isPlanId, PLAN_IDS, PLAN_LIMITS, PLANS, resolveEntitlements, type PlanId, type PlanLimits } from "@/lib/plans/plans";
import { publishTenantProfileChange } from "./publish-profile-change";
import { loadTenantProfile } from "./tenant-profile";
import { COUNTED_LIMITS, readTenantUsage, type TenantUsage } from "./read-tenant-usage";

export interface PlanChange {
  tenantId: string;
  slug: string;
  from: PlanId;
  to: PlanId;
  changed: boolean;
  /** Limits the tenant is now over (only with force): writes over them are refused, nothing is deleted. */
  overQuota: PlanLimitDetails[];
  usage: TenantUsage;
  limits: PlanLimits;
}

function describeOver(over: PlanLimitDetails[]): string {
  return over
    .map((item) => {
      const limit = item.limit as keyof typeof PLAN_LIMITS;
      return `${PLAN_LIMITS[limit].description}: uses ${formatLimit(limit, item.usage)}, ${item.plan} allows ${formatLimit(limit, item.max)}`;
    })
    .join("; ");
}

/**
 * Moves a tenant to another plan. A plan below its current usage is refused with the numbers unless
 * `force` (then writes over quota are refused, nothing is deleted). Takes effect in every process
 * through the profile invalidation; audited.
 */
export async function setTenantPlan(slug: string, planInput: string, options: { force?: boolean; actorUserId?: string | null } = {}): Promise<PlanChange> {
  const planId = planInput.trim().toLowerCase();
  if (!isPlanId(planId)) {
    throw new AppError({
      code: "validation_failed",
      message: `Unknown plan "${planInput}" (one of ${PLAN_IDS.join(", ")})`,
      fieldErrors: { plan: [`Unknown plan "${planInput}"`] },
    });
  }
  const target = PLANS[planId];
  const change = await inTransaction(ownerPool(), async (client) => {
    const { rows } = await client.query<{ id: string; plan_id: string }>(
      "SELECT id, plan_id FROM public.tenants WHERE slug = $1 AND status <> 'deleted' FOR UPDATE",
      [slug],
    );
    const tenant = rows[0];
    if (!tenant) throw new AppError({ code: "not_found", message: `No tenant with slug "${slug}"` });
    const current = await loadTenantProfile(tenant.id, client);
    const usage = await readTenantUsage(tenant.id, client);
    const { limits } = resolveEntitlements(target, current.overrides.flags, current.overrides.limits);
    const overQuota: PlanLimitDetails[] = COUNTED_LIMITS.filter((limit) => usage[limit] > limits[limit]).map((limit) => ({
      limit,
      max: limits[limit],
      usage: usage[limit],
      plan: target.name,
      upgrade: `Free up ${PLAN_LIMITS[limit].description} first, or pass --force to change the plan anyway (writes over quota are then refused; nothing is deleted).`,
    }));
    const base = { tenantId: tenant.id, slug, from: current.plan.id, to: planId, usage, limits };
    if (current.plan.id === planId) return { ...base, changed: false, overQuota };
    if (overQuota.length > 0 && options.force !== true) {
      throw new AppError({
        code: "conflict",
        message: `Tenant "${slug}" uses more than the ${target.name} plan allows: ${describeOver(overQuota)}. Nothing was changed; pass --force to change it anyway.`,
        details: overQuota,
      });
    }
    await client.query("UPDATE public.tenants SET plan_id = $2, updated_at = now() WHERE id = $1", [tenant.id, planId]);
    await client.query("INSERT INTO public.audit_logs (tenant_id, actor_user_id, action, target, metadata) VALUES ($1, $2, 'tenant.plan_changed', $3, $4)", [
      tenant.id,
      options.actorUserId ?? null,
      slug,
      { from: current.plan.id, to: planId, forced: overQuota.length > 0, overQuota: overQuota.map(({ limit, max, usage: used }) => ({ limit, max, usage: used })) },
    ]);
    return { ...base, changed: true, overQuota };
  });
  if (change.changed) await publishTenantProfileChange(change.tenantId);
  return change;
}
