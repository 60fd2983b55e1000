import { limitNoticeMail } from "@/emails/mail-templates";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { appPool, inTransaction } from "@/lib/db/pools";
import { sharedDbFor } from "@/lib/db/shared-client";
import { logger } from "@/lib/log/logger";
import { platformMailBrand } from "@/lib/mail/mail-brand";
import { sendBrandedMail } from "@/lib/mail/send-branded-mail";
import { formatLimit, PLANS, upgradeHint } from "@/lib/plans/plans";
import { COUNTED_LIMITS, readTenantUsage, type CountedLimit } from "@/lib/tenant-profile/read-tenant-usage";
import { tenantProfile } from "@/lib/tenant-profile/tenant-profile";
import { tenantBaseUrl } from "@/lib/tenancy/tenant-urls";
import { utcDay } from "./usage-keys";

/** Percent of a quota at which the owners are told. */
export const NOTICE_THRESHOLDS = [80, 100] as const;
export type NoticeLimit = CountedLimit | "apiRequestsPerMinute";

export interface LimitNotice {
  limit: NoticeLimit;
  threshold: number;
  period: string;
  usage: number;
  max: number;
}

const LIMIT_WHAT: Record<NoticeLimit, string> = {
  members: "team seats",
  properties: "properties",
  storageBytes: "document storage",
  apiRequestsPerMinute: "API requests per minute",
};

/** Quotas are noticed once per UTC month; the API limit once per UTC day. */
export function noticePeriod(limit: NoticeLimit, now: Date): string {
  return limit === "apiRequestsPerMinute" ? utcDay(now.getTime()) : now.toISOString().slice(0, 7);
}

/**
 * After a change that uses a quota (and from the limit-notices job): for each limit at ≥ 80 % or 100 %
 * of the tenant's allowance this period, records a notice; each notice recorded for the first time is
 * audited (`tenant.limit_notice`) and mailed to the tenant's active owners (one mail per limit: the
 * highest threshold newly reached). Never throws: a failed check is logged, the write it follows stands.
 */
export async function checkLimitNotices(tenantId: string, limits: readonly CountedLimit[] = COUNTED_LIMITS, now = new Date()): Promise<LimitNotice[]> {
  try {
    const profile = await tenantProfile(tenantId);
    const usage = await inTransaction(appPool(), (client) => readTenantUsage(tenantId, client), tenantId);
    const reached = limits.flatMap((limit) => {
      const max = profile.limits[limit];
      const used = usage[limit];
      return NOTICE_THRESHOLDS.filter((threshold) => used > 0 && used * 100 >= threshold * max).map((threshold) => ({ limit, threshold, period: noticePeriod(limit, now), usage: used, max }));
    });
    return await recordLimitNotices(tenantId, reached);
  } catch (error) {
    logger.error({ err: error, tenantId }, "limit notices: check failed");
    return [];
  }
}

/** The API limit refused this tenant repeatedly today (lib/usage/api-limit-hits.ts): one notice per day. */
export async function noticeApiLimitHits(tenantId: string, refusals: number, now = new Date()): Promise<LimitNotice[]> {
  try {
    const profile = await tenantProfile(tenantId);
    return await recordLimitNotices(tenantId, [{ limit: "apiRequestsPerMinute", threshold: 100, period: noticePeriod("apiRequestsPerMinute", now), usage: refusals, max: profile.limits.apiRequestsPerMinute }]);
  } catch (error) {
    logger.error({ err: error, tenantId }, "limit notices: API limit notice failed");
    return [];
  }
}

async function recordLimitNotices(tenantId: string, candidates: LimitNotice[]): Promise<LimitNotice[]> {
  if (candidates.length === 0) return [];
  const inserted = await inTransaction(
    appPool(),
    async (client) => {
      const { rows } = await client.query<{ limit_name: NoticeLimit; threshold: number; period: string; usage: string; max: string }>(
        `INSERT INTO public.limit_notices (subject_tenant_id, limit_name, threshold, period, usage, max)
         SELECT $1, * FROM unnest($2::text[], $3::smallint[], $4::text[], $5::bigint[], $6::bigint[])
         ON CONFLICT DO NOTHING
         RETURNING limit_name, threshold, period, usage::text, max::text`,
        [tenantId, candidates.map((c) => c.limit), candidates.map((c) => c.threshold), candidates.map((c) => c.period), candidates.map((c) => c.usage), candidates.map((c) => c.max)],
      );
      return rows.map((row) => ({ limit: row.limit_name, threshold: row.threshold, period: row.period, usage: Number(row.usage), max: Number(row.max) }));
    },
    tenantId,
  );
  if (inserted.length === 0) return [];
  for (const notice of inserted) {
    await recordAuditEvent({ tenantId, action: "tenant.limit_notice", target: notice.limit, metadata: { threshold: notice.threshold, period: notice.period, usage: notice.usage, max: notice.max } });
  }
  const highestPerLimit = new Map<NoticeLimit, LimitNotice>();
  for (const notice of inserted) if ((highestPerLimit.get(notice.limit)?.threshold ?? 0) < notice.threshold) highestPerLimit.set(notice.limit, notice);
  await mailOwners(tenantId, [...highestPerLimit.values()]);
  return inserted;
}

async function mailOwners(tenantId: string, notices: LimitNotice[]): Promise<void> {
  const db = sharedDbFor(tenantId);
  const [tenant, owners, profile] = await Promise.all([
    db.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { name: true, slug: true } }),
    db.user.findMany({ where: { tenantId, role: "owner", status: "active" }, select: { email: true } }),
    tenantProfile(tenantId),
  ]);
  const plan = PLANS[profile.plan.id];
  const brand = platformMailBrand(tenantBaseUrl(tenant.slug));
  for (const notice of notices) {
    const content = limitNoticeMail(brand, {
      tenantName: tenant.name,
      what: LIMIT_WHAT[notice.limit],
      threshold: notice.threshold,
      ...describeNotice(notice),
      planName: plan.name,
      upgrade: upgradeHint(plan, notice.limit),
    });
    for (const owner of owners) {
      await sendBrandedMail({ to: owner.email, brand, content }).catch((error: unknown) => logger.error({ err: error, tenantId, limit: notice.limit }, "limit notices: could not mail an owner"));
    }
  }
}

/** The usage and allowance as the owner reads them (the banner says the same). */
export function describeNotice(notice: Pick<LimitNotice, "limit" | "usage" | "max">): { usage: string; max: string } {
  if (notice.limit === "apiRequestsPerMinute") {
    return { usage: `${notice.usage.toLocaleString("en-US")} refused API calls today`, max: formatLimit(notice.limit, notice.max) };
  }
  return { usage: formatLimit(notice.limit, notice.usage), max: formatLimit(notice.limit, notice.max) };
}

export function noticeWhat(limit: NoticeLimit): string {
  return LIMIT_WHAT[limit];
}
