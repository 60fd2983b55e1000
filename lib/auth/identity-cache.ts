import { LRUCache } from "lru-cache";
import { sharedDbFor } from "@/lib/db/shared-client";
import { announceTenantChange, cacheLifetimeMs, onTenantChange } from "@/lib/tenancy/tenant-change-bus";

/**
 * How long a user row read for a token or session check is reused while this process does not hear tenant
 * changes (while it does: cacheLifetimeMs, TENANT_CACHE_SUBSCRIBED_TTL_MS). A "sign out everywhere", role
 * change or deactivation evicts it at once in this process and, through the tenant-change bus, in every other
 * one (forgetCachedUser); the lifetime only bounds a process that missed the message, as for the tenant caches.
 */
export const IDENTITY_CACHE_TTL_MS = 30_000;

/** The bus message for rows of users without a tenant (platform admins). */
export const PLATFORM_USERS_CHANGED = "platform-users";

export interface IdentityRow {
  id: string;
  tenantId: string | null;
  email: string;
  name: string | null;
  role: string;
  status: string;
  sessionVersion: number;
}

interface Entry {
  /** The tenant the row was read for (the shared client is row-level-secured by it). */
  lookupTenantId: string | null;
  row: IdentityRow;
}

const CACHE_KEY = Symbol.for("asset-anchor.identity-rows");
type GlobalWithCache = typeof globalThis & { [CACHE_KEY]?: { rows: LRUCache<string, Entry>; generation: number; stopListening?: () => void } };
const state = ((globalThis as GlobalWithCache)[CACHE_KEY] ??= {
  rows: new LRUCache<string, Entry>({ max: 50_000, ttl: IDENTITY_CACHE_TTL_MS }),
  generation: 0,
});

/** A tenant-change message drops that tenant's users (null: everything, the bus may have missed messages). */
function dropChanged(changed: string | null): void {
  state.generation++;
  if (changed === null) return state.rows.clear();
  const tenantId = changed === PLATFORM_USERS_CHANGED ? null : changed;
  for (const [userId, entry] of state.rows.entries()) {
    if (entry.row.tenantId === tenantId || entry.lookupTenantId === tenantId) state.rows.delete(userId);
  }
}

/** The user row, read through the tenant's row-level-secured client at most once per cache lifetime. */
export async function cachedUserRow(userId: string, tenantId: string | null): Promise<IdentityRow | null> {
  state.stopListening ??= onTenantChange(dropChanged);
  const cached = state.rows.get(userId);
  if (cached && cached.lookupTenantId === tenantId) return cached.row;
  // A row read while an eviction happens may predate the change it evicts for: then it is not kept.
  const generation = state.generation;
  const row = await sharedDbFor(tenantId).user.findUnique({
    where: { id: userId },
    select: { id: true, tenantId: true, email: true, name: true, role: true, status: true, sessionVersion: true },
  });
  // Only usable rows: a disabled or invited user who becomes active must not wait out the cache.
  if (row?.status === "active" && generation === state.generation) state.rows.set(userId, { lookupTenantId: tenantId, row }, { ttl: cacheLifetimeMs(IDENTITY_CACHE_TTL_MS) });
  return row;
}

/**
 * Call after committing a change to a user's status, role or session version: evicts the row here at once
 * and announces the user's tenant as changed, so every other process drops its rows too. A lost
 * announcement is logged by the bus, never thrown (the change is committed; IDENTITY_CACHE_TTL_MS bounds it).
 */
export async function forgetCachedUser(userId: string, tenantId: string | null): Promise<void> {
  state.generation++;
  state.rows.delete(userId);
  await announceTenantChange(tenantId ?? PLATFORM_USERS_CHANGED);
}
