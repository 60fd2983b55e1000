import { sharedDbFor } from "@/lib/db/shared-client";
import { AppError } from "@/lib/errors/app-error";
import { dnsInstructions, type DnsInstructions } from "./domain-records";

export interface CustomDomainStatus {
  tenantId: string;
  slug: string;
  domain: string | null;
  verified: boolean;
  verifiedAt: string | null;
  checkedAt: string | null;
  failingSince: string | null;
  instructions: DnsInstructions | null;
}

export const customDomainSelect = {
  id: true,
  slug: true,
  status: true,
  customDomain: true,
  customDomainVerified: true,
  customDomainVerifiedAt: true,
  customDomainCheckedAt: true,
  customDomainFailingSince: true,
  dnsVerificationToken: true,
} as const;

type CustomDomainRow = {
  id: string;
  slug: string;
  customDomain: string | null;
  customDomainVerified: boolean;
  customDomainVerifiedAt: Date | null;
  customDomainCheckedAt: Date | null;
  customDomainFailingSince: Date | null;
  dnsVerificationToken: string | null;
};

export function toCustomDomainStatus(row: CustomDomainRow): CustomDomainStatus {
  return {
    tenantId: row.id,
    slug: row.slug,
    domain: row.customDomain,
    verified: row.customDomainVerified,
    verifiedAt: row.customDomainVerifiedAt?.toISOString() ?? null,
    checkedAt: row.customDomainCheckedAt?.toISOString() ?? null,
    failingSince: row.customDomainFailingSince?.toISOString() ?? null,
    instructions: row.customDomain && row.dnsVerificationToken ? dnsInstructions(row.customDomain, row.dnsVerificationToken) : null,
  };
}

export async function findCustomDomainRow(tenantId: string) {
  const row = await sharedDbFor(tenantId).tenant.findUnique({ where: { id: tenantId }, select: customDomainSelect });
  if (!row || row.status === "deleted") throw new AppError({ code: "not_found", message: "No such tenant" });
  return row;
}

export async function getCustomDomain(tenantId: string): Promise<CustomDomainStatus> {
  return toCustomDomainStatus(await findCustomDomainRow(tenantId));
}
