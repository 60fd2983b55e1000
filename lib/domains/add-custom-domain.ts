import { randomBytes } from "node:crypto";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { platformDb, sharedDbFor } from "@/lib/db/shared-client";
import { env } from "@/lib/env/env";
import { AppError } from "@/lib/errors/app-error";
import { assertFeatureInPlan } from "@/lib/tenant-profile/plan-limit";
import { tenantProfile } from "@/lib/tenant-profile/tenant-profile";
import { publishTenantChange } from "@/lib/tenants/publish-tenant-change";
import { customDomainSchema } from "@/lib/tenants/tenant-input";
import { customDomainSelect, findCustomDomainRow, toCustomDomainStatus, type CustomDomainStatus } from "./get-custom-domain";

/** Validates a custom domain: a real hostname (punycode), not an IP, not under our root domain. */
export function parseCustomDomain(raw: string): string {
  const parsed = customDomainSchema.safeParse(raw);
  if (!parsed.success) {
    const reason = parsed.error.issues[0]?.message ?? "Not a domain name";
    throw new AppError({ code: "validation_failed", message: `Invalid domain "${raw}": ${reason}`, fieldErrors: { domain: [reason] } });
  }
  const rootHostname = env().APP_ROOT_DOMAIN.split(":")[0]!;
  if (parsed.data === rootHostname || parsed.data.endsWith(`.${rootHostname}`)) {
    throw new AppError({
      code: "validation_failed",
      message: `Invalid domain "${parsed.data}": it is under the platform's root domain`,
      fieldErrors: { domain: ["Use a domain you own, not one under the platform's domain"] },
    });
  }
  return parsed.data;
}

/** The refusal when another workspace has verified the domain; it never says which workspace. */
export function domainTakenError(domain: string): AppError {
  return new AppError({
    code: "conflict",
    message: `The domain "${domain}" is already verified by another workspace. If you own it, contact support.`,
    fieldErrors: { domain: ["Already verified elsewhere"] },
  });
}

/**
 * Step 1 of the custom-domain flow: store a claim on the domain, unverified (it does not route yet),
 * with a fresh verification token and a 7-day expiry. Replaces any earlier domain of the tenant. Other
 * workspaces' unverified claims do not block it (whoever proves the TXT record first wins); only a
 * domain another workspace has verified does.
 */
export async function addCustomDomain(tenantId: string, rawDomain: string, actorUserId: string | null = null): Promise<CustomDomainStatus> {
  const domain = parseCustomDomain(rawDomain);
  assertFeatureInPlan(await tenantProfile(tenantId), "customDomain", "domain");
  const current = await findCustomDomainRow(tenantId);
  const verifiedElsewhere = await platformDb().tenant.count({ where: { customDomain: domain, customDomainVerified: true, id: { not: tenantId } } });
  if (verifiedElsewhere > 0) throw domainTakenError(domain);
  const row = await sharedDbFor(tenantId).tenant.update({
    where: { id: tenantId },
    data: {
      customDomain: domain,
      customDomainVerified: false,
      customDomainVerifiedAt: null,
      customDomainCheckedAt: null,
      customDomainFailingSince: null,
      customDomainClaimedAt: new Date(),
      dnsVerificationToken: `aa-verify-${randomBytes(18).toString("base64url")}`,
    },
    select: customDomainSelect,
  });
  await publishTenantChange(tenantId);
  await recordAuditEvent({ tenantId, actorUserId, action: "domain.added", target: domain, metadata: { previous: current.customDomain } });
  return toCustomDomainStatus(row);
}
