import { sharedDbFor } from "@/lib/db/shared-client";

/** What a mail needs to look like it comes from one tenant (or, for platform mail, from Asset Anchor). */
export interface MailBrand {
  name: string;
  /** Absolute URL, or null for a text wordmark. */
  logoUrl: string | null;
  primaryColor: string;
  secondaryColor: string;
  /** The host the recipient uses: the tenant's subdomain or verified custom domain. Links are built on it. */
  baseUrl: string;
  /** The tenant's contact (its first owner), so replies reach the tenant and not the platform. */
  replyTo: string | null;
}

const absolute = (reference: string | null, baseUrl: string): string | null => (reference ? new URL(reference, `${baseUrl}/`).toString() : null);

export async function tenantMailBrand(tenantId: string, baseUrl: string): Promise<MailBrand> {
  const db = sharedDbFor(tenantId);
  const [tenant, owner] = await Promise.all([
    db.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { name: true, settings: { select: { logoUrl: true, primaryColor: true, secondaryColor: true } } } }),
    db.user.findFirst({ where: { tenantId, role: "owner", status: { not: "disabled" } }, orderBy: { createdAt: "asc" }, select: { email: true } }),
  ]);
  return {
    name: tenant.name,
    logoUrl: absolute(tenant.settings?.logoUrl ?? null, baseUrl),
    primaryColor: tenant.settings?.primaryColor ?? "#1d4ed8",
    secondaryColor: tenant.settings?.secondaryColor ?? "#0f172a",
    baseUrl,
    replyTo: owner?.email ?? null,
  };
}

/** Platform → tenant owner mail (workspace created, subscription, domain health) and platform-admin mail. */
export function platformMailBrand(baseUrl: string): MailBrand {
  return { name: "Asset Anchor", logoUrl: null, primaryColor: "#1d4ed8", secondaryColor: "#0f172a", baseUrl, replyTo: null };
}
