import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { Prisma } from "@/lib/db/generated/shared/client";
import { sharedDb } from "@/lib/db/shared-client";
import { publishTenantChange } from "@/lib/tenants/publish-tenant-change";
import { domainTakenError } from "./add-custom-domain";
import { customDomainSelect, type CustomDomainStatus, toCustomDomainStatus } from "./get-custom-domain";

function isUniqueViolation(error: unknown): boolean {
  if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return true;
  return /unique constraint|23505/i.test(error instanceof Error ? error.message : "");
}

/**
 * The tenant has proved `domain` (TXT record, or an operator vouched): it becomes the domain's one
 * verified holder and every other workspace's unverified claim on it is released, in one transaction.
 * If another workspace verified it first, a 409 that does not name it.
 */
export async function markDomainVerified(
  tenantId: string,
  domain: string,
  data: { verifiedAt: Date; checkedAt: Date | null },
): Promise<CustomDomainStatus> {
  let released: string[] = [];
  let row;
  try {
    row = await sharedDb().$transaction(async (tx) => {
      const others = await tx.tenant.findMany({ where: { customDomain: domain, customDomainVerified: false, id: { not: tenantId } }, select: { id: true } });
      released = others.map((other) => other.id);
      if (released.length > 0) {
        await tx.tenant.updateMany({
          where: { id: { in: released } },
          data: { customDomain: null, customDomainVerifiedAt: null, customDomainCheckedAt: null, customDomainFailingSince: null, customDomainClaimedAt: null, dnsVerificationToken: null },
        });
      }
      return tx.tenant.update({
        where: { id: tenantId },
        data: { customDomainVerified: true, customDomainVerifiedAt: data.verifiedAt, customDomainCheckedAt: data.checkedAt, customDomainFailingSince: null },
        select: customDomainSelect,
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw domainTakenError(domain);
    throw error;
  }
  await publishTenantChange(tenantId);
  for (const other of released) {
    await publishTenantChange(other);
    await recordAuditEvent({ tenantId: other, action: "domain.claim_released", target: domain, metadata: { reason: "verified_by_another_workspace" } });
  }
  return toCustomDomainStatus(row);
}
