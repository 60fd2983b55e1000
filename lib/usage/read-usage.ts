import { z } from "zod";
import { appPool, inTransaction } from "@/lib/db/pools";
import { AppError } from "@/lib/errors/app-error";
import { PLAN_LIMIT_NAMES, type PlanLimit } from "@/lib/plans/plans";
import { peekRateLimit } from "@/lib/rate-limit/sliding-window-limiter";
import { COUNTED_LIMITS, readTenantUsage, type CountedLimit } from "@/lib/tenant-profile/read-tenant-usage";
import { tenantProfile } from "@/lib/tenant-profile/tenant-profile";
import { listTenants } from "@/lib/tenants/find-tenant";
import { flushUsage } from "./usage-meter";
import { usageKeys, utcDay } from "./usage-keys";
import { usageStore } from "./usage-store";

export const MAX_USAGE_DAYS = 400;
export const usageDaysSchema = z.coerce.number().int("days is a whole number").min(1, "days is at least 1").max(MAX_USAGE_DAYS, `days is at most ${MAX_USAGE_DAYS}`);
export const usageMonthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "month is YYYY-MM (e.g. 2026-11)");

export interface UsageReport {
  tenantId: string;
  plan: { id: string; name: string };
  /** Every limit of the plan; `usage` for the ones that count stored things and for apiRequestsPerMinute (the current sliding window), null for settings. */
  limits: Array<{ limit: PlanLimit; max: number; usage: number | null }>;
  /** Oldest first, one entry per UTC day, ending today. */
  days: Array<{ day: string; calls: number; errors: number }>;
  /** Per route pattern: calls (all time) and the last ≤ 1,000 response times' percentiles. */
  endpoints: Array<{ endpoint: string; calls: number; samples: number; p50Ms: number | null; p95Ms: number | null }>;
  /** The same percentiles over every endpoint's samples together. */
  overall: { samples: number; p50Ms: number | null; p95Ms: number | null };
  /** The usage-sizes job's daily samples in the same days, oldest first; days without a sample are left out. */
  sizes: Array<{ day: string; dbBytes: number; storageBytes: number }>;
  /** The API rate limit's sliding window now, read without counting; null when Redis could not be read. */
  apiRateLimit: { limit: number; used: number; remaining: number; resetAt: string } | null;
}

/** Nearest-rank percentile of unsorted samples; null for none. */
export function percentile(samples: number[], fraction: number): number | null {
  if (samples.length === 0) return null;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(fraction * sorted.length) - 1)]!;
}

function lastDays(count: number, now: number): string[] {
  return Array.from({ length: count }, (_, index) => utcDay(now - (count - 1 - index) * 86_400_000));
}

const sum = (hash: Record<string, number>) => Object.values(hash).reduce((total, value) => total + value, 0);

/** A tenant's plan, limits with usage, calls per day and per-endpoint latency (this process's buffer flushed first). */
export async function readUsageReport(tenantId: string, days: number, now = Date.now()): Promise<UsageReport> {
  await flushUsage();
  const profile = await tenantProfile(tenantId);
  const stored = await inTransaction(appPool(), (client) => readTenantUsage(tenantId, client), tenantId);
  const store = await usageStore();
  const dayList = lastDays(days, now);
  const [calls, ...dailyErrorsAndSizes] = await store.hashes([
    usageKeys.calls(tenantId),
    ...dayList.map((day) => usageKeys.daily(tenantId, day)),
    ...dayList.map((day) => usageKeys.errors(tenantId, day)),
    ...dayList.map((day) => usageKeys.sizes(tenantId, day)),
  ]);
  const dailyAndErrors = dailyErrorsAndSizes.slice(0, 2 * days);
  const sizes = dayList.flatMap((day, index) => {
    const sample = dailyErrorsAndSizes[2 * days + index] ?? {};
    return sample.dbBytes === undefined ? [] : [{ day, dbBytes: sample.dbBytes, storageBytes: sample.storageBytes ?? 0 }];
  });
  const endpointNames = Object.keys(calls ?? {}).sort();
  const latencies = await store.lists(endpointNames.map((endpoint) => usageKeys.latency(tenantId, endpoint)));
  const allSamples = latencies.flat();
  const window = await peekRateLimit("tenantApi", tenantId, profile);
  return {
    tenantId,
    plan: { id: profile.plan.id, name: profile.plan.name },
    limits: PLAN_LIMIT_NAMES.map((limit) => ({
      limit,
      max: profile.limits[limit],
      usage: (COUNTED_LIMITS as PlanLimit[]).includes(limit) ? stored[limit as CountedLimit] : limit === "apiRequestsPerMinute" ? (window?.used ?? null) : null,
    })),
    days: dayList.map((day, index) => ({ day, calls: sum(dailyAndErrors[index] ?? {}), errors: sum(dailyAndErrors[days + index] ?? {}) })),
    endpoints: endpointNames.map((endpoint, index) => {
      const samples = latencies[index] ?? [];
      return { endpoint, calls: calls?.[endpoint] ?? 0, samples: samples.length, p50Ms: percentile(samples, 0.5), p95Ms: percentile(samples, 0.95) };
    }),
    overall: { samples: allSamples.length, p50Ms: percentile(allSamples, 0.5), p95Ms: percentile(allSamples, 0.95) },
    sizes,
    apiRateLimit: window ? { limit: window.limit, used: window.used, remaining: window.remaining, resetAt: new Date(window.reset).toISOString() } : null,
  };
}

export interface UsageExportRow {
  month: string;
  tenantId: string;
  slug: string;
  plan: string;
  endpoint: string;
  calls: number;
  errors: number;
}

/** Every tenant's calls and errors per endpoint in a UTC month (for billing), ordered by slug and endpoint. */
export async function exportMonthlyUsage(month: string): Promise<UsageExportRow[]> {
  const parsed = usageMonthSchema.safeParse(month);
  if (!parsed.success) throw new AppError({ code: "validation_failed", message: `Invalid --month "${month}": month is YYYY-MM (e.g. 2026-11)`, fieldErrors: { month: ["YYYY-MM"] } });
  const [year, monthNumber] = month.split("-").map(Number) as [number, number];
  const dayCount = new Date(Date.UTC(year, monthNumber, 0)).getUTCDate();
  const dayList = Array.from({ length: dayCount }, (_, index) => `${month}-${String(index + 1).padStart(2, "0")}`);
  await flushUsage();
  const store = await usageStore();
  const tenants = (await listTenants({ includeDeleted: true })).sort((a, b) => a.slug.localeCompare(b.slug));
  const rows: UsageExportRow[] = [];
  for (const tenant of tenants) {
    const hashes = await store.hashes([...dayList.map((day) => usageKeys.daily(tenant.id, day)), ...dayList.map((day) => usageKeys.errors(tenant.id, day))]);
    const perEndpoint = new Map<string, { calls: number; errors: number }>();
    hashes.forEach((hash, index) => {
      for (const [endpoint, value] of Object.entries(hash)) {
        const entry = perEndpoint.get(endpoint) ?? { calls: 0, errors: 0 };
        if (index < dayCount) entry.calls += value;
        else entry.errors += value;
        perEndpoint.set(endpoint, entry);
      }
    });
    for (const [endpoint, entry] of [...perEndpoint].sort(([a], [b]) => a.localeCompare(b))) {
      rows.push({ month, tenantId: tenant.id, slug: tenant.slug, plan: tenant.plan, endpoint, ...entry });
    }
  }
  return rows;
}

/** CSV with a header row; fields quoted when they hold a comma, quote or newline. */
export function usageRowsToCsv(rows: UsageExportRow[]): string {
  const columns: Array<keyof UsageExportRow> = ["month", "tenantId", "slug", "plan", "endpoint", "calls", "errors"];
  const cell = (value: string | number) => (/[",\n]/.test(String(value)) ? `"${String(value).replace(/"/g, '""')}"` : String(value));
  return [columns.join(","), ...rows.map((row) => columns.map((column) => cell(row[column])).join(","))].join("\n") + "\n";
}
