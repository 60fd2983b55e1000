import type { ResolvedHost } from "@/lib/tenancy/resolve-host";
import { cachedTenantProfile } from "@/lib/tenant-profile/tenant-profile";
import { concurrencyCapError, countTenantRefusal, tenantInFlight, tenantInFlightCap } from "./admission-control";
import { errorResponse } from "./error-response";
import { rememberTenantHost } from "./front-door";

/**
 * proxy.ts, before Next routes a tenant API request (`/api/v1/*`) to its handler: a tenant that already
 * holds its concurrency cap in this process gets step 1a's 429 (same body, `Retry-After: 1`) here, where
 * it costs no route, no token check, no Redis and no database. Only with the tenant's profile already in
 * this process's cache, for an active tenant outside maintenance; anything else goes on to withTenant,
 * which decides as before (a request admitted here can still be refused there). The refusal is remembered for
 * lib/http/front-door.ts, which answers the tenant's next ones before Next.
 */
export function earlyTenantApiRefusal(resolved: ResolvedHost, host: string, pathname: string): Response | null {
  if (resolved.surface !== "tenant" || !pathname.startsWith("/api/v1/")) return null;
  const { tenant } = resolved;
  if (tenant.status !== "active" || tenant.maintenance) return null;
  const profile = cachedTenantProfile(tenant.id);
  if (!profile) return null;
  const cap = tenantInFlightCap(profile.plan.id);
  if (tenantInFlight(tenant.id) < cap) return null;
  countTenantRefusal();
  rememberTenantHost(host, tenant, profile);
  const response = errorResponse(concurrencyCapError(tenant.name, profile.plan.name, cap));
  response.headers.set("Retry-After", "1");
  return response;
}
