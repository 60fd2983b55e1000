import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { addCustomDomain } from "@/lib/domains/add-custom-domain";
import { markDomainVerified } from "@/lib/domains/mark-domain-verified";
import { AppError } from "@/lib/errors/app-error";
import { findTenantBySlug, type TenantDetails } from "./find-tenant";

/**
 * The operator's way to set a domain (`anchor tenants set-domain`): adds it like Settings → Domain
 * does, and with `verified` vouches for it without a DNS check.
 */
export async function setTenantDomain(
  slug: string,
  rawDomain: string,
  options: { verified: boolean; actorUserId?: string | null },
): Promise<TenantDetails> {
  const tenant = await findTenantBySlug(slug);
  if (tenant.status === "deleted") throw new AppError({ code: "conflict", message: `Tenant "${slug}" is deleted` });
  const status = await addCustomDomain(tenant.id, rawDomain, options.actorUserId ?? null);
  if (options.verified) {
    await markDomainVerified(tenant.id, status.domain!, { verifiedAt: new Date(), checkedAt: null });
    await recordAuditEvent({ tenantId: tenant.id, actorUserId: options.actorUserId ?? null, action: "domain.verified_by_operator", target: status.domain });
  }
  return findTenantBySlug(slug);
}
