import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { sharedDb } from "@/lib/db/shared-client";
import { env } from "@/lib/env/env";
import { AppError } from "@/lib/errors/app-error";
import { findTenantBySlug, type TenantDetails } from "./find-tenant";
import { publishTenantChange } from "./publish-tenant-change";
import { customDomainSchema } from "./tenant-input";

/**
 * Sets a tenant's custom domain. `verified` is an operator's word until DNS verification exists;
 * an unverified domain is stored but does not route.
 */
export async function setTenantDomain(
  slug: string,
  rawDomain: string,
  options: { verified: boolean; actorUserId?: string | null },
): Promise<TenantDetails> {
  const parsed = customDomainSchema.safeParse(rawDomain);
  if (!parsed.success) throw AppError.fromZod(parsed.error, `Invalid domain "${rawDomain}"`);
  const domain = parsed.data;
  const rootHostname = env().APP_ROOT_DOMAIN.split(":")[0]!;
  if (domain === rootHostname || domain.endsWith(`.${rootHostname}`)) {
    throw new AppError({ code: "validation_failed", message: `Invalid domain "${domain}": it is under the platform's root domain` });
  }

  const tenant = await findTenantBySlug(slug);
  if (tenant.status === "deleted") throw new AppError({ code: "conflict", message: `Tenant "${slug}" is deleted` });
  const holder = await sharedDb().tenant.findUnique({ where: { customDomain: domain }, select: { slug: true } });
  if (holder && holder.slug !== slug) {
    throw new AppError({ code: "conflict", message: `The domain "${domain}" is already used by another tenant` });
  }

  await sharedDb().tenant.update({
    where: { id: tenant.id },
    data: { customDomain: domain, customDomainVerified: options.verified },
  });
  await publishTenantChange(tenant.id);
  await recordAuditEvent({
    tenantId: tenant.id,
    actorUserId: options.actorUserId ?? null,
    action: "tenant.domain_set",
    target: domain,
    metadata: { verified: options.verified, previous: tenant.customDomain },
  });
  return findTenantBySlug(slug);
}
