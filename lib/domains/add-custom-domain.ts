import { randomBytes } from "node:crypto";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { Prisma } from "@/lib/db/generated/shared/client";
import { platformDb, sharedDbFor } from "@/lib/db/shared-client";
import { env } from "@/lib/env/env";
import { AppError } from "@/lib/errors/app-error";
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

/**
 * Step 1 of the custom-domain flow: store the domain unverified (it does not route yet) with a fresh
 * verification token. Replaces any earlier domain of the tenant.
 */
export async function addCustomDomain(tenantId: string, rawDomain: string, actorUserId: string | null = null): Promise<CustomDomainStatus> {
  const domain = parseCustomDomain(rawDomain);
  const current = await findCustomDomainRow(tenantId);
  const holder = await platformDb().tenant.findUnique({ where: { customDomain: domain }, select: { id: true } });
  if (holder && holder.id !== tenantId) {
    throw new AppError({ code: "conflict", message: `The domain "${domain}" is already used by another workspace`, fieldErrors: { domain: ["Already in use"] } });
  }
  try {
    const row = await sharedDbFor(tenantId).tenant.update({
      where: { id: tenantId },
      data: {
        customDomain: domain,
        customDomainVerified: false,
        customDomainVerifiedAt: null,
        customDomainCheckedAt: null,
        customDomainFailingSince: null,
        dnsVerificationToken: `aa-verify-${randomBytes(18).toString("base64url")}`,
      },
      select: customDomainSelect,
    });
    await publishTenantChange(tenantId);
    await recordAuditEvent({ tenantId, actorUserId, action: "domain.added", target: domain, metadata: { previous: current.customDomain } });
    return toCustomDomainStatus(row);
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new AppError({ code: "conflict", message: `The domain "${domain}" is already used by another workspace` });
    }
    throw error;
  }
}
