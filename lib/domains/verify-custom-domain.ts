import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { sharedDbFor } from "@/lib/db/shared-client";
import { AppError } from "@/lib/errors/app-error";
import { checkDomainDns } from "./check-domain-dns";
import { challengeRecordName } from "./domain-records";
import { customDomainSelect, findCustomDomainRow, toCustomDomainStatus, type CustomDomainStatus } from "./get-custom-domain";
import { markDomainVerified } from "./mark-domain-verified";

export interface VerificationResult {
  verified: boolean;
  message: string;
  status: CustomDomainStatus;
}

/**
 * Step 3: the challenge TXT record must hold the token. On a match the domain routes at once (every
 * process drops its host cache); otherwise the answer says what DNS returned instead.
 */
export async function verifyCustomDomain(tenantId: string, actorUserId: string | null = null): Promise<VerificationResult> {
  const row = await findCustomDomainRow(tenantId);
  if (!row.customDomain || !row.dnsVerificationToken) {
    throw new AppError({ code: "conflict", message: "Add a custom domain before verifying it" });
  }
  const status = toCustomDomainStatus(row);
  if (status.claimExpired) {
    throw new AppError({
      code: "conflict",
      message: `The claim on ${row.customDomain} expired on ${status.claimExpiresAt} (unverified claims last 7 days). Add the domain again for a new token.`,
    });
  }
  const check = await checkDomainDns(row.customDomain, row.dnsVerificationToken).catch((error: unknown) => {
    throw new AppError({ code: "unavailable", message: (error as Error).message, cause: error });
  });
  const recordName = challengeRecordName(row.customDomain);
  if (!check.txtMatches) {
    const updated = await sharedDbFor(tenantId).tenant.update({ where: { id: tenantId }, data: { customDomainCheckedAt: new Date() }, select: customDomainSelect });
    const found = check.txtFound.length > 0 ? `found ${check.txtFound.map((value) => `"${value}"`).join(", ")}` : "found no TXT record";
    return {
      verified: false,
      message: `Not verified: expected TXT ${recordName} = "${row.dnsVerificationToken}", ${found}. DNS changes can take a few minutes to appear.`,
      status: toCustomDomainStatus(updated),
    };
  }
  const now = new Date();
  const updated = await markDomainVerified(tenantId, row.customDomain, { verifiedAt: row.customDomainVerified && row.customDomainVerifiedAt ? row.customDomainVerifiedAt : now, checkedAt: now });
  if (!row.customDomainVerified) {
    await recordAuditEvent({ tenantId, actorUserId, action: "domain.verified", target: row.customDomain, metadata: { pointsAtUs: check.pointsAtUs } });
  }
  const routing = check.pointsAtUs ? "" : ` It does not point at the platform yet: add the CNAME record too.`;
  return { verified: true, message: `${row.customDomain} is verified.${routing}`, status: updated };
}
