import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { sharedDb } from "@/lib/db/shared-client";
import { env } from "@/lib/env/env";
import { logger } from "@/lib/log/logger";
import { domainUnverifiedMail } from "@/emails/mail-templates";
import { platformMailBrand } from "@/lib/mail/mail-brand";
import { sendBrandedMail } from "@/lib/mail/send-branded-mail";
import { tenantBaseUrl } from "@/lib/tenancy/tenant-urls";
import { publishTenantChange } from "@/lib/tenants/publish-tenant-change";
import { checkDomainDns } from "./check-domain-dns";

export interface RecheckSummary {
  checked: number;
  healthy: string[];
  failing: Array<{ domain: string; since: string; reason: string }>;
  unverified: string[];
  errors: Array<{ domain: string; error: string }>;
}

/**
 * Re-verifies every verified domain (run from cron: `anchor domains recheck`). A domain whose TXT or
 * CNAME/A record has disappeared is marked failing; once it has failed for DOMAIN_RECHECK_GRACE_HOURS
 * it is unverified and stops routing, so a domain its owner gave up can't be claimed through us
 * (dangling-domain takeover). Resolver errors count as neither healthy nor failing.
 */
export async function recheckCustomDomains(now: Date = new Date()): Promise<RecheckSummary> {
  const graceMs = env().DOMAIN_RECHECK_GRACE_HOURS * 3_600_000;
  const tenants = await sharedDb().tenant.findMany({
    where: { customDomainVerified: true, customDomain: { not: null }, status: { in: ["active", "suspended"] } },
    select: { id: true, name: true, slug: true, customDomain: true, dnsVerificationToken: true, customDomainFailingSince: true },
  });
  const summary: RecheckSummary = { checked: tenants.length, healthy: [], failing: [], unverified: [], errors: [] };

  for (const tenant of tenants) {
    const domain = tenant.customDomain!;
    let check;
    try {
      check = await checkDomainDns(domain, tenant.dnsVerificationToken ?? "");
    } catch (error) {
      summary.errors.push({ domain, error: (error as Error).message });
      continue;
    }
    if (check.txtMatches && check.pointsAtUs) {
      await sharedDb().tenant.update({ where: { id: tenant.id }, data: { customDomainCheckedAt: now, customDomainFailingSince: null } });
      summary.healthy.push(domain);
      continue;
    }
    const reason = !check.txtMatches ? "verification TXT record missing" : "CNAME/A record no longer points at the platform";
    const since = tenant.customDomainFailingSince ?? now;
    if (now.getTime() - since.getTime() < graceMs) {
      await sharedDb().tenant.update({ where: { id: tenant.id }, data: { customDomainCheckedAt: now, customDomainFailingSince: since } });
      summary.failing.push({ domain, since: since.toISOString(), reason });
      continue;
    }
    await sharedDb().tenant.update({
      where: { id: tenant.id },
      data: { customDomainVerified: false, customDomainVerifiedAt: null, customDomainCheckedAt: now, customDomainFailingSince: since, customDomainClaimedAt: now },
    });
    await publishTenantChange(tenant.id);
    await recordAuditEvent({ tenantId: tenant.id, action: "domain.unverified", target: domain, metadata: { reason, failingSince: since.toISOString() } });
    await mailOwners(tenant.id, tenant.name, tenantBaseUrl(tenant.slug), domain, reason);
    summary.unverified.push(domain);
  }
  return summary;
}

async function mailOwners(tenantId: string, tenantName: string, baseUrl: string, domain: string, reason: string): Promise<void> {
  const owners = await sharedDb().user.findMany({ where: { tenantId, role: "owner", status: "active" }, select: { email: true } });
  for (const owner of owners) {
    const brand = platformMailBrand(baseUrl);
    await sendBrandedMail({ to: owner.email, brand, content: domainUnverifiedMail(brand, { tenantName, domain, reason }) }).catch((error: unknown) => logger.error({ err: error, tenantId }, "could not mail owner about an unverified domain"));
  }
}
