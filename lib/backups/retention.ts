import { isPlanId, PLANS, type PlanId } from "@/lib/plans/plans";

/**
 * Retention per plan (the seed's manage_tenant_backups): every backup younger than `days` is kept; the
 * `minimum` newest are always kept; older ones go unless they are a month's first backup (UTC) and
 * younger than `monthlyDays`.
 */
export interface RetentionPolicy {
  /** How often run-due backs a tenant up. */
  intervalHours: number;
  days: number;
  minimum: number;
  monthlyDays: number;
}

/** Monthly backups kept beyond the plan's retention days (the seed's "keep monthlies"): enterprise only. */
const MONTHLY_DAYS_BY_PLAN: Record<PlanId, number> = { standard: 0, professional: 0, enterprise: 365 };

/** The plan's retention (its `backupRetentionDays` limit, lib/plans); a plan id the data does not know gets standard's. */
export function retentionFor(planId: string): RetentionPolicy {
  const id: PlanId = isPlanId(planId) ? planId : "standard";
  return { intervalHours: 24, days: PLANS[id].limits.backupRetentionDays, minimum: 3, monthlyDays: MONTHLY_DAYS_BY_PLAN[id] };
}

export interface DatedBackup {
  id: string;
  createdAt: string;
}

export type KeepReason = "minimum" | "within-days" | "monthly";

export interface RetentionDecision<T extends DatedBackup> {
  keep: Array<{ backup: T; reason: KeepReason }>;
  prune: T[];
}

const DAY_MS = 24 * 60 * 60 * 1000;

function monthOf(createdAt: string): string {
  return createdAt.slice(0, 7);
}

/** Pure: which backups of one tenant to keep and which to prune at `now`. */
export function decideRetention<T extends DatedBackup>(backups: readonly T[], policy: RetentionPolicy, now: Date): RetentionDecision<T> {
  const newestFirst = [...backups].sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
  const firstOfMonth = new Map<string, string>();
  for (const backup of [...newestFirst].reverse()) if (!firstOfMonth.has(monthOf(backup.createdAt))) firstOfMonth.set(monthOf(backup.createdAt), backup.id);
  const decision: RetentionDecision<T> = { keep: [], prune: [] };
  newestFirst.forEach((backup, index) => {
    const age = now.getTime() - Date.parse(backup.createdAt);
    if (index < policy.minimum) decision.keep.push({ backup, reason: "minimum" });
    else if (age <= policy.days * DAY_MS) decision.keep.push({ backup, reason: "within-days" });
    else if (firstOfMonth.get(monthOf(backup.createdAt)) === backup.id && age <= policy.monthlyDays * DAY_MS) decision.keep.push({ backup, reason: "monthly" });
    else decision.prune.push(backup);
  });
  return decision;
}

/** Pure: whether a tenant whose newest backup is `newest` is due at `now` (an hour of slack for cron drift). */
export function isDue(newest: string | undefined, policy: RetentionPolicy, now: Date): boolean {
  if (!newest) return true;
  return now.getTime() - Date.parse(newest) >= (policy.intervalHours - 1) * 60 * 60 * 1000;
}
