import { inTransaction, ownerPool } from "@/lib/db/pools";
import { AppError } from "@/lib/errors/app-error";
import { isPlanLimit, limitValueSchema, PLAN_LIMIT_NAMES, PLANS, type PlanLimit } from "@/lib/plans/plans";
import { publishTenantProfileChange } from "./publish-profile-change";
import { loadTenantProfile } from "./tenant-profile";

export function parsePlanLimit(name: string): PlanLimit {
  if (isPlanLimit(name)) return name;
  throw new AppError({
    code: "validation_failed",
    message: `Unknown limit "${name}" (one of ${PLAN_LIMIT_NAMES.join(", ")})`,
    fieldErrors: { limit: [`Unknown limit "${name}"`] },
  });
}

export function parseLimitValue(raw: string): number {
  const parsed = limitValueSchema.safeParse(raw.trim() === "" ? Number.NaN : raw);
  if (parsed.success) return parsed.data;
  throw new AppError({ code: "validation_failed", message: `Invalid limit value "${raw}": ${parsed.error.issues[0]?.message}`, fieldErrors: { value: [parsed.error.issues[0]?.message ?? "invalid"] } });
}

/**
 * Sets (or with null removes) one limit of an enterprise tenant's contract. Other plans' limits are
 * the plan's: refused. Audited; every process drops that tenant's profile.
 */
export async function setLimitOverride(slug: string, limit: PlanLimit, value: number | null, actorUserId: string | null = null): Promise<{ slug: string; limit: PlanLimit; value: number; plan: number; override: number | null; changed: boolean }> {
  const result = await inTransaction(ownerPool(), async (client) => {
    const { rows } = await client.query<{ id: string }>(
      `SELECT t.id FROM public.tenants t JOIN public.tenant_settings s ON s.tenant_id = t.id
        WHERE t.slug = $1 AND t.status <> 'deleted' FOR UPDATE OF s`,
      [slug],
    );
    const tenant = rows[0];
    if (!tenant) throw new AppError({ code: "not_found", message: `No tenant with slug "${slug}"` });
    const profile = await loadTenantProfile(tenant.id, client);
    if (!profile.plan.limitsOverridable) {
      throw new AppError({ code: "conflict", message: `Tenant "${slug}" is on the ${profile.plan.name} plan, whose limits are fixed; only Enterprise limits can be overridden per tenant` });
    }
    const previous = profile.overrides.limits[limit] ?? null;
    if (previous === value) return { tenantId: tenant.id, changed: false };
    const next = { ...profile.overrides.limits };
    if (value === null) delete next[limit];
    else next[limit] = value;
    await client.query("UPDATE public.tenant_settings SET limit_overrides = $2, updated_at = now() WHERE tenant_id = $1", [tenant.id, next]);
    await client.query("INSERT INTO public.audit_logs (tenant_id, actor_user_id, action, target, metadata) VALUES ($1, $2, 'tenant.limit_overridden', $3, $4)", [
      tenant.id,
      actorUserId,
      slug,
      { limit, from: previous, to: value },
    ]);
    return { tenantId: tenant.id, changed: true };
  });
  if (result.changed) await publishTenantProfileChange(result.tenantId);
  const profile = await loadTenantProfile(result.tenantId);
  return { slug, limit, value: profile.limits[limit], plan: PLANS[profile.plan.id].limits[limit], override: profile.overrides.limits[limit] ?? null, changed: result.changed };
}
