import type pg from "pg";
import { LRUCache } from "lru-cache";
import { appPool, inTransaction } from "@/lib/db/pools";
import { env } from "@/lib/env/env";
import { AppError } from "@/lib/errors/app-error";
import {
  parseFeatureFlagOverrides,
  parseLimitOverrides,
  planById,
  resolveEntitlements,
  type FeatureFlag,
  type FeatureFlagOverrides,
  type LimitOverrides,
  type Plan,
  type PlanLimits,
} from "@/lib/plans/plans";
import { currentContext, type RequestContext } from "@/lib/tenancy/context";
import { clearOnTenantChange } from "@/lib/tenancy/tenant-cache";
import { cacheLifetimeMs, listenForTenantChanges } from "@/lib/tenancy/tenant-change-bus";

/**
 * Everything a request may ask about what a tenant is allowed: its plan and entitlements (the plan's
 * limits and features, with the tenant's flag overrides and, on enterprise, limit overrides). Nothing
 * else reads `plans` limits, `feature_flags` or `limit_overrides`.
 */
export interface TenantProfile {
  tenantId: string;
  plan: Pick<Plan, "id" | "name" | "rank" | "limitsOverridable">;
  limits: PlanLimits;
  features: Record<FeatureFlag, boolean>;
  /** What differs from the plan, as stored. */
  overrides: { flags: FeatureFlagOverrides; limits: LimitOverrides };
}

type Queryable = Pick<pg.ClientBase, "query">;

/**
 * Reads a tenant's profile straight from the database: in the caller's transaction when given one, else
 * as the app role scoped to that tenant (row-level security shows it its own tenant and settings rows).
 */
export async function loadTenantProfile(tenantId: string, db?: Queryable): Promise<TenantProfile> {
  if (!db) return inTransaction(appPool(), (client) => loadTenantProfile(tenantId, client), tenantId);
  const { rows } = await db.query<{ plan_id: string; feature_flags: unknown; limit_overrides: unknown }>(
    `SELECT t.plan_id, s.feature_flags, s.limit_overrides
       FROM public.tenants t LEFT JOIN public.tenant_settings s ON s.tenant_id = t.id
      WHERE t.id = $1 AND t.status <> 'deleted'`,
    [tenantId],
  );
  const row = rows[0];
  if (!row) throw new AppError({ code: "not_found", message: "Workspace not found" });
  const plan = planById(row.plan_id);
  const flags = parseFeatureFlagOverrides(row.feature_flags);
  const limits = parseLimitOverrides(row.limit_overrides);
  return {
    tenantId,
    plan: { id: plan.id, name: plan.name, rank: plan.rank, limitsOverridable: plan.limitsOverridable },
    ...resolveEntitlements(plan, flags, limits),
    overrides: { flags, limits },
  };
}

export function featureEnabled(profile: TenantProfile, name: FeatureFlag): boolean {
  return profile.features[name];
}

// ---- per-process cache, invalidated per tenant in every process -------------------------------

type InvalidationListener = (tenantId: string | null) => void;

interface ProfileCacheState {
  entries: LRUCache<string, TenantProfile>;
  loading: Map<string, Promise<TenantProfile>>;
  /** Bumped per tenant on invalidation, so a load that started before it is not cached after it. */
  generations: Map<string, number>;
  listeners: Set<InvalidationListener>;
  stopListening?: () => void;
}

const STATE_KEY = Symbol.for("asset-anchor.tenant-profile-cache");
type GlobalWithState = typeof globalThis & { [STATE_KEY]?: ProfileCacheState };
const globalWithState = globalThis as GlobalWithState;

function state(): ProfileCacheState {
  return (globalWithState[STATE_KEY] ??= {
    // 10,000 active tenants with twice the room.
    entries: new LRUCache<string, TenantProfile>({ max: 20_000, ttl: Math.max(1, env().TENANT_PROFILE_TTL_MS) }),
    loading: new Map(),
    generations: new Map(),
    listeners: new Set(),
  });
}

function drop(cache: ProfileCacheState, tenantId: string | null): void {
  if (tenantId === null) {
    cache.entries.clear();
    cache.loading.clear();
    for (const id of cache.generations.keys()) cache.generations.set(id, (cache.generations.get(id) ?? 0) + 1);
  } else {
    cache.entries.delete(tenantId);
    cache.loading.delete(tenantId);
    cache.generations.set(tenantId, (cache.generations.get(tenantId) ?? 0) + 1);
  }
  for (const listener of cache.listeners) listener(tenantId);
}

/**
 * Every process drops only the tenant named in each tenant-change message (lib/tenancy/tenant-change-bus:
 * Redis pub/sub when configured, else Postgres LISTEN on a direct connection), and everything when its
 * subscription is (re)established (messages may have been missed). The TTL bounds staleness meanwhile.
 */
function ensureListening(cache: ProfileCacheState): void {
  cache.stopListening ??= clearOnTenantChange((tenantId) => drop(cache, tenantId));
}

/**
 * The profile of a tenant, cached in this process for TENANT_PROFILE_TTL_MS (longer while the
 * tenant-change bus is subscribed: cacheLifetimeMs). Resolve it once per request and pass it along.
 */
export async function tenantProfile(tenantId: string): Promise<TenantProfile> {
  const cache = state();
  ensureListening(cache);
  const useCache = env().TENANT_PROFILE_TTL_MS > 0;
  if (useCache) {
    const hit = cache.entries.get(tenantId);
    if (hit) return hit;
    const pending = cache.loading.get(tenantId);
    if (pending) return pending;
  }
  if (!cache.generations.has(tenantId)) cache.generations.set(tenantId, 0);
  const generation = cache.generations.get(tenantId)!;
  const load = loadTenantProfile(tenantId).then((profile) => {
    if (useCache && (cache.generations.get(tenantId) ?? 0) === generation) cache.entries.set(tenantId, profile, { ttl: cacheLifetimeMs(env().TENANT_PROFILE_TTL_MS) });
    return profile;
  });
  if (useCache) cache.loading.set(tenantId, load);
  try {
    return await load;
  } finally {
    if (cache.loading.get(tenantId) === load) cache.loading.delete(tenantId);
  }
}

/** The profile this process has cached for the tenant, or undefined: no database, no waiting (proxy.ts). */
export function cachedTenantProfile(tenantId: string): TenantProfile | undefined {
  const cache = state();
  ensureListening(cache);
  return env().TENANT_PROFILE_TTL_MS > 0 ? cache.entries.get(tenantId) : undefined;
}

// One resolution per request: keyed by the request's context object, so it lives exactly as long.
const perRequest = new WeakMap<RequestContext, Promise<TenantProfile>>();

/**
 * The profile of the current request's tenant, resolved at most once per request (later calls in
 * the same request get the same object even if the tenant changes meanwhile). Throws outside a tenant request.
 */
export function requestTenantProfile(): Promise<TenantProfile> {
  const context = currentContext();
  if (!context?.tenant) throw new AppError({ code: "invalid_tenant_context", message: "No tenant in this request" });
  let profile = perRequest.get(context);
  if (!profile) {
    profile = tenantProfile(context.tenant.id);
    perRequest.set(context, profile);
    profile.catch(() => perRequest.delete(context));
  }
  return profile;
}

/** Resolves once this process is subscribed to profile changes (tests, and boot when wanted). */
export async function listenForTenantProfileChanges(): Promise<void> {
  ensureListening(state());
  await listenForTenantChanges();
}

/** Calls `listener` with the tenant whose profile this process dropped (null: all). Returns an unsubscribe. */
export function onTenantProfileInvalidated(listener: InvalidationListener): () => void {
  const cache = state();
  cache.listeners.add(listener);
  return () => cache.listeners.delete(listener);
}

export function invalidateTenantProfile(tenantId: string): void {
  drop(state(), tenantId);
}

export function stopTenantProfileListener(): void {
  const cache = globalWithState[STATE_KEY];
  cache?.stopListening?.();
  if (cache) cache.stopListening = undefined;
}
