import { appPool, inTransaction } from "@/lib/db/pools";
import { NOTICE_THRESHOLDS, noticePeriod, type LimitNotice, type NoticeLimit } from "./check-limit-notices";

/** This period's notices of one tenant, the highest threshold per limit (the dashboard banner). */
export async function readCurrentLimitNotices(tenantId: string, now = new Date()): Promise<LimitNotice[]> {
  const periods = [noticePeriod("properties", now), noticePeriod("apiRequestsPerMinute", now)];
  const rows = await inTransaction(
    appPool(),
    async (client) =>
      (
        await client.query<{ limit_name: NoticeLimit; threshold: number; period: string; usage: string; max: string }>(
          `SELECT DISTINCT ON (limit_name) limit_name, threshold, period, usage::text, max::text
           FROM public.limit_notices
           WHERE subject_tenant_id = $1 AND period = ANY($2::text[]) AND threshold = ANY($3::smallint[])
           ORDER BY limit_name, threshold DESC`,
          [tenantId, periods, [...NOTICE_THRESHOLDS]],
        )
      ).rows,
    tenantId,
  );
  return rows.map((row) => ({ limit: row.limit_name, threshold: row.threshold, period: row.period, usage: Number(row.usage), max: Number(row.max) }));
}
