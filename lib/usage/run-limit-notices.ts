import { sharedDb } from "@/lib/db/shared-client";
import { API_LIMIT_REFUSALS_FOR_NOTICE, apiLimitRefusalsToday } from "./api-limit-hits";
import { checkLimitNotices, noticeApiLimitHits } from "./check-limit-notices";

/**
 * The limit-notices job: every active tenant's quotas (usage also changes where no check runs: a
 * downgrade, an override, a lowered limit), and today's API limit refusals. Notices are de-duplicated
 * by their table, so running it again mails nobody twice.
 */
export async function runLimitNotices(now = new Date()): Promise<{ tenants: number; notices: number }> {
  const tenants = await sharedDb().tenant.findMany({ where: { status: "active" }, select: { id: true } });
  let notices = 0;
  for (const tenant of tenants) {
    notices += (await checkLimitNotices(tenant.id, undefined, now)).length;
    const refusals = await apiLimitRefusalsToday(tenant.id, now.getTime());
    if (refusals >= API_LIMIT_REFUSALS_FOR_NOTICE) notices += (await noticeApiLimitHits(tenant.id, refusals, now)).length;
  }
  return { tenants: tenants.length, notices };
}
