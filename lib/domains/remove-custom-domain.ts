import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { sharedDbFor } from "@/lib/db/shared-client";
import { AppError } from "@/lib/errors/app-error";
import { publishTenantChange } from "@/lib/tenants/publish-tenant-change";
import { customDomainSelect, findCustomDomainRow, toCustomDomainStatus, type CustomDomainStatus } from "./get-custom-domain";

export async function removeCustomDomain(tenantId: string, actorUserId: string | null = null): Promise<CustomDomainStatus> {
  const row = await findCustomDomainRow(tenantId);
  if (!row.customDomain) throw new AppError({ code: "conflict", message: "This workspace has no custom domain" });
  const updated = await sharedDbFor(tenantId).tenant.update({
    where: { id: tenantId },
    data: {
      customDomain: null,
      customDomainVerified: false,
      customDomainVerifiedAt: null,
      customDomainCheckedAt: null,
      customDomainFailingSince: null,
      customDomainClaimedAt: null,
      dnsVerificationToken: null,
    },
    select: customDomainSelect,
  });
  await publishTenantChange(tenantId);
  await recordAuditEvent({ tenantId, actorUserId, action: "domain.removed", target: row.customDomain });
  return toCustomDomainStatus(updated);
}
