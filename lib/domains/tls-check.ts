import { platformDb } from "@/lib/db/shared-client";
import { env } from "@/lib/env/env";
import { isValidSlug } from "@/lib/tenancy/slug";
import { customDomainSchema } from "@/lib/tenants/tenant-input";

/**
 * Caddy's on-demand TLS asks before it obtains a certificate: yes only for our tenants' subdomains and
 * verified custom domains, so nobody can make the platform request certificates for arbitrary names.
 */
export async function mayIssueCertificate(rawDomain: string | null): Promise<boolean> {
  if (!rawDomain) return false;
  const parsed = customDomainSchema.safeParse(rawDomain);
  if (!parsed.success) return false;
  const domain = parsed.data;
  const rootHostname = env().APP_ROOT_DOMAIN.split(":")[0]!;
  const servable = { in: ["active", "suspended"] };
  if (domain.endsWith(`.${rootHostname}`)) {
    const label = domain.slice(0, -(rootHostname.length + 1));
    if (label.includes(".") || !isValidSlug(label)) return false;
    return (await platformDb().tenant.count({ where: { slug: label, status: servable } })) === 1;
  }
  return (await platformDb().tenant.count({ where: { customDomain: domain, customDomainVerified: true, status: servable } })) === 1;
}
