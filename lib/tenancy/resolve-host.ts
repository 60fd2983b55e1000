import { platformDb } from "@/lib/db/shared-client";
import { env } from "@/lib/env/env";
import { tenantRefSelect, toTenantRef } from "@/lib/tenants/tenant-ref";
import type { TenantRef } from "./context";
import { parseHost } from "./parse-host";
import { cachedLookup } from "./tenant-cache";

export type ResolvedHost =
  | { surface: "apex" }
  | { surface: "admin" }
  | { surface: "tenant"; tenant: TenantRef; origin: TenantOrigin }
  | { surface: "unknown" };

/**
 * Which of a tenant's two origins the host is: `workspace` ({slug}.<root>: staff dashboard, staff APIs,
 * portal without custom JS) or `custom-domain` (its verified domain: the portal only, with custom JS).
 */
export type TenantOrigin = "workspace" | "custom-domain";

/** Tenants that may be served at all; suspended ones resolve so pages can answer 403. */
const SERVABLE_STATUSES = ["active", "suspended"];

async function tenantBySlug(slug: string): Promise<TenantRef | null> {
  const row = await platformDb().tenant.findFirst({
    where: { slug, status: { in: SERVABLE_STATUSES } },
    select: tenantRefSelect,
  });
  return row ? toTenantRef(row) : null;
}

async function tenantByVerifiedDomain(domain: string): Promise<TenantRef | null> {
  const row = await platformDb().tenant.findFirst({
    where: { customDomain: domain, customDomainVerified: true, status: { in: SERVABLE_STATUSES } },
    select: tenantRefSelect,
  });
  return row ? toTenantRef(row) : null;
}

/** Pure: whether a Host names a custom domain (the only hosts that resolve to a tenant's `custom-domain` origin). */
export function isCustomDomainHost(host: string | null | undefined): boolean {
  return parseHost(host, env().APP_ROOT_DOMAIN).kind === "custom-domain";
}

/** Host header → surface and tenant, checked against the database (cached). */
export async function resolveHost(host: string | null | undefined): Promise<ResolvedHost> {
  const parsed = parseHost(host, env().APP_ROOT_DOMAIN);
  switch (parsed.kind) {
    case "apex":
      return { surface: "apex" };
    case "admin":
      return { surface: "admin" };
    case "invalid":
      return { surface: "unknown" };
    case "subdomain": {
      const tenant = await cachedLookup(`slug:${parsed.slug}`, () => tenantBySlug(parsed.slug));
      return tenant ? { surface: "tenant", tenant, origin: "workspace" } : { surface: "unknown" };
    }
    case "custom-domain": {
      const tenant = await cachedLookup(`domain:${parsed.domain}`, () => tenantByVerifiedDomain(parsed.domain));
      return tenant ? { surface: "tenant", tenant, origin: "custom-domain" } : { surface: "unknown" };
    }
  }
}
