import { LRUCache } from "lru-cache";
import { sharedDbFor } from "@/lib/db/shared-client";

/**
 * How long a user row read for a token or session check is reused. A "sign out everywhere", role change or
 * deactivation in this process evicts it at once (forgetCachedUser); other processes see it within this time.
 */
export const IDENTITY_CACHE_TTL_MS = 5_000;

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
type GlobalWithCache = typeof globalThis & { [CACHE_KEY]?: { rows: LRUCache<string, Entry>; generation: number } };
const state = ((globalThis as GlobalWithCache)[CACHE_KEY] ??= {
  rows: new LRUCache<string, Entry>({ max: 50_000, ttl: IDENTITY_CACHE_TTL_MS }),
  generation: 0,
});

/** The user row, read through the tenant's row-level-secured client at most once per IDENTITY_CACHE_TTL_MS. */
export async function cachedUserRow(userId: string, tenantId: string | null): Promise<IdentityRow | null> {
  const cached = state.rows.get(userId);
  if (cached && cached.lookupTenantId === tenantId) return cached.row;
  // A row read while an eviction happens may predate the change it evicts for: then it is not kept.
  const generation = state.generation;
  const row = await sharedDbFor(tenantId).user.findUnique({
    where: { id: userId },
    select: { id: true, tenantId: true, email: true, name: true, role: true, status: true, sessionVersion: true },
  });
  // Only usable rows: a disabled or invited user who becomes active must not wait out the cache.
  if (row?.status === "active" && generation === state.generation) state.rows.set(userId, { lookupTenantId: tenantId, row });
  return row;
}

/** Call after committing a change to a user's status, role or session version. */
export function forgetCachedUser(userId: string): void {
  state.generation++;
  state.rows.delete(userId);
}
