import { sharedDbFor } from "@/lib/db/shared-client";
import { AppError } from "@/lib/errors/app-error";
import { dnsInstructions, type DnsInstructions } from "./domain-records";

/** An unverified claim lapses this long after it was made (or re-made); it never blocks anyone meanwhile. */
export const DOMAIN_CLAIM_TTL_MS = 7 * 24 * 60 * 60_000;

export interface CustomDomainStatus {
  tenantId: string;
  slug: string;
  domain: string | null;
  verified: boolean;
  /** When an unverified claim lapses (null once verified or without a domain). */
  claimExpiresAt: string | null;
  /** The unverified claim has lapsed: add the domain again for a fresh token. */
  claimExpired: boolean;
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
  customDomainClaimedAt: true,
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
  customDomainClaimedAt: Date | null;
  dnsVerificationToken: string | null;
};

/** When the row's unverified claim lapses; null if it is verified or there is none. */
export function claimExpiry(row: Pick<CustomDomainRow, "customDomain" | "customDomainVerified" | "customDomainClaimedAt">): Date | null {
  if (!row.customDomain || row.customDomainVerified) return null;
  return new Date((row.customDomainClaimedAt?.getTime() ?? 0) + DOMAIN_CLAIM_TTL_MS);
}

export function toCustomDomainStatus(row: CustomDomainRow, now = new Date()): CustomDomainStatus {
  const expiry = claimExpiry(row);
  return {
    tenantId: row.id,
    slug: row.slug,
    domain: row.customDomain,
    verified: row.customDomainVerified,
    claimExpiresAt: expiry?.toISOString() ?? null,
    claimExpired: expiry !== null && expiry <= now,
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
