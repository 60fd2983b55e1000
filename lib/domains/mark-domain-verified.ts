import { Prisma } from "@/lib/db/generated/shared/client";
import { sharedDbFor } from "@/lib/db/shared-client";
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
    row = await sharedDbFor(tenantId).$transaction(async (tx) => {
      const verified = await tx.tenant.update({
        where: { id: tenantId },
        data: { customDomainVerified: true, customDomainVerifiedAt: data.verifiedAt, customDomainCheckedAt: data.checkedAt, customDomainFailingSince: null },
        select: customDomainSelect,
      });
      // Other workspaces' rows are out of this tenant's reach (row-level security): the one narrow
      // function that may touch them releases their unverified claims on this domain and audits it.
      const rows = await tx.$queryRaw<Array<{ tenant_id: string }>>`SELECT tenant_id FROM public.release_domain_claims(${tenantId}::uuid, ${domain})`;
      released = rows.map((other) => other.tenant_id);
      return verified;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw domainTakenError(domain);
    throw error;
  }
  await publishTenantChange(tenantId);
  for (const other of released) await publishTenantChange(other);
  return toCustomDomainStatus(row);
}
