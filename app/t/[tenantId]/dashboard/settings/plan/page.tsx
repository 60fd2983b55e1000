import type { Metadata } from "next";
import { CallsPerDayChart, LatencyChart } from "@/components/settings/usage-charts";
import { requireStaff } from "@/lib/auth/page-identity";
import { FEATURE_FLAG_NAMES, formatBytes, formatLimit, PLAN_IDS, PLAN_LIMITS, PLANS, planById, upgradeHint, type FeatureFlag, type PlanLimit } from "@/lib/plans/plans";
import { tenantProfile } from "@/lib/tenant-profile/tenant-profile";
import { readUsageReport } from "@/lib/usage/read-usage";

export const metadata: Metadata = { title: "Plan & usage" };

const USAGE_DAYS = 30;
const milliseconds = (value: number | null) => (value === null ? "—" : `${value} ms`);

const LIMIT_LABELS: Record<PlanLimit, string> = {
  properties: "Properties",
  members: "Seats (active and invited staff)",
  storageBytes: "Document storage",
  apiRequestsPerMinute: "API requests per minute",
  backupRetentionDays: "Backup retention",
  cacheBytes: "Cache size",
};
const LIMIT_ORDER: PlanLimit[] = ["properties", "members", "storageBytes", "apiRequestsPerMinute", "backupRetentionDays", "cacheBytes"];

const FEATURE_LABELS: Record<FeatureFlag, string> = {
  customDomain: "Custom domain",
  customJs: "Custom JavaScript",
  advancedAnalytics: "Advanced analytics",
};

function LimitNote({ limit, callsToday }: { limit: PlanLimit; callsToday: number }) {
  if (limit === "apiRequestsPerMinute") return <>Counted per workspace over a sliding minute; {callsToday.toLocaleString("en-US")} calls today.</>;
  if (limit === "backupRetentionDays") return <>How long your backups are kept.</>;
  if (limit === "cacheBytes") return <>Room for your workspace in the shared cache.</>;
  return null;
}

function UsageBar({ label, usage, max }: { label: string; usage: number; max: number }) {
  const percent = max === 0 ? (usage > 0 ? 100 : 0) : Math.min(100, Math.round((usage / max) * 1000) / 10);
  const tone = percent >= 100 ? "bg-red-600" : percent >= 80 ? "bg-amber-500" : "bg-teal-700";
  return (
    <div role="meter" aria-label={label} aria-valuemin={0} aria-valuemax={max} aria-valuenow={usage} className="mt-2 h-2 w-full overflow-hidden rounded-full bg-slate-100">
      <div className={`h-full ${tone}`} style={{ width: `${percent}%` }} />
    </div>
  );
}

/** Owners only (usage:read): the plan, every limit with its usage, API calls per day and response times. */
export default async function PlanUsagePage({ params }: PageProps<"/t/[tenantId]/dashboard/settings/plan">) {
  const { context } = await requireStaff((await params).tenantId, "usage:read");
  const [report, profile] = await Promise.all([readUsageReport(context.tenant.id, USAGE_DAYS), tenantProfile(context.tenant.id)]);
  const plan = planById(profile.plan.id);
  const nextPlan = PLAN_IDS.map((id) => PLANS[id]).find((candidate) => candidate.rank === plan.rank + 1);
  const callsInPeriod = report.days.reduce((sum, day) => sum + day.calls, 0);
  const errorsInPeriod = report.days.reduce((sum, day) => sum + day.errors, 0);
  const callsToday = report.days.at(-1)?.calls ?? 0;
  const latestSizes = report.sizes.at(-1);
  const limits = LIMIT_ORDER.map((name) => report.limits.find((entry) => entry.limit === name)!);
  return (
    <main className="mx-auto max-w-5xl space-y-8 px-4 py-8 sm:px-6">
      <div>
        <h1 className="text-2xl font-bold tracking-tight text-slate-900">Plan &amp; usage</h1>
        <p className="mt-1 text-sm text-slate-600">
          Your workspace is on the <strong data-testid="plan-name">{report.plan.name}</strong> plan.
        </p>
      </div>

      <section aria-labelledby="limits-heading">
        <h2 id="limits-heading" className="text-lg font-semibold text-slate-900">Limits</h2>
        <ul className="mt-3 divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
          {limits.map(({ limit, max, usage }) => (
            <li key={limit} data-testid={`limit-${limit}`} className="px-4 py-3 text-sm">
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <span className="font-medium text-slate-900">{LIMIT_LABELS[limit]}</span>
                <span className="text-slate-700">
                  {usage === null ? (
                    <span data-testid="limit-max">{formatLimit(limit, max)}</span>
                  ) : (
                    <>
                      <span data-testid="limit-usage">{formatLimit(limit, usage)}</span> of <span data-testid="limit-max">{formatLimit(limit, max)}</span>
                    </>
                  )}
                </span>
              </div>
              {usage === null ? null : <UsageBar label={`${LIMIT_LABELS[limit]} used`} usage={usage} max={max} />}
              {usage !== null && max > 0 && usage / max >= 0.8 ? <p className="mt-1 text-amber-800">{upgradeHint(plan, limit)}</p> : null}
              <p className="mt-1 text-slate-500">
                <LimitNote limit={limit} callsToday={callsToday} />
              </p>
            </li>
          ))}
          {FEATURE_FLAG_NAMES.map((feature) => (
            <li key={feature} data-testid={`feature-${feature}`} className="flex flex-wrap items-baseline justify-between gap-2 px-4 py-3 text-sm">
              <span className="font-medium text-slate-900">{FEATURE_LABELS[feature]}</span>
              <span data-testid="feature-state" className={profile.features[feature] ? "text-teal-800" : "text-slate-500"}>
                {profile.features[feature] ? "Included" : "Not included"}
              </span>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="sizes-heading">
        <h2 id="sizes-heading" className="text-lg font-semibold text-slate-900">Database and file storage size</h2>
        {latestSizes ? (
          <p className="mt-1 text-sm text-slate-600" data-testid="sizes">
            Sampled <span data-testid="sizes-day">{latestSizes.day}</span> (UTC): database <span data-testid="sizes-db">{formatBytes(latestSizes.dbBytes)}</span>, files in storage{" "}
            <span data-testid="sizes-storage">{formatBytes(latestSizes.storageBytes)}</span>.
          </p>
        ) : (
          <p className="mt-1 text-sm text-slate-600" data-testid="sizes">Not sampled yet: sizes are measured once a day.</p>
        )}
      </section>

      <section aria-labelledby="calls-heading">
        <h2 id="calls-heading" className="text-lg font-semibold text-slate-900">API calls, last {USAGE_DAYS} days</h2>
        <p className="mt-1 text-sm text-slate-600">
          <span data-testid="calls-total">{callsInPeriod.toLocaleString("en-US")}</span> calls, <span data-testid="errors-total">{errorsInPeriod.toLocaleString("en-US")}</span> answered
          with an error (UTC days).
        </p>
        <CallsPerDayChart days={report.days} />
      </section>

      <section aria-labelledby="latency-heading">
        <h2 id="latency-heading" className="text-lg font-semibold text-slate-900">Response times</h2>
        {report.endpoints.length === 0 ? (
          <p className="mt-1 text-sm text-slate-600">No API calls recorded yet.</p>
        ) : (
          <>
            <p className="mt-1 text-sm text-slate-600">
              All endpoints: p50 <span data-testid="overall-p50">{milliseconds(report.overall.p50Ms)}</span>, p95 <span data-testid="overall-p95">{milliseconds(report.overall.p95Ms)}</span> over{" "}
              <span data-testid="overall-samples">{report.overall.samples.toLocaleString("en-US")}</span> calls. Median (p50) and 95th percentile (p95) over the last 1,000 calls of each endpoint.
            </p>
            <LatencyChart endpoints={report.endpoints} />
            <table className="mt-3 w-full text-left text-sm">
              <thead className="border-b text-slate-500">
                <tr>
                  <th className="py-2">Endpoint</th>
                  <th className="text-right">Calls</th>
                  <th className="text-right">p50</th>
                  <th className="text-right">p95</th>
                </tr>
              </thead>
              <tbody>
                {report.endpoints.map((endpoint) => (
                  <tr key={endpoint.endpoint} data-testid="endpoint" className="border-b">
                    <td className="py-2 font-mono text-xs" data-testid="endpoint-name">{endpoint.endpoint}</td>
                    <td className="text-right" data-testid="endpoint-calls">{endpoint.calls.toLocaleString("en-US")}</td>
                    <td className="text-right">{milliseconds(endpoint.p50Ms)}</td>
                    <td className="text-right">{milliseconds(endpoint.p95Ms)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </section>

      <section aria-labelledby="upgrade-heading" className="rounded-lg border border-slate-200 bg-white p-4 text-sm text-slate-700">
        <h2 id="upgrade-heading" className="text-lg font-semibold text-slate-900">How to upgrade</h2>
        {nextPlan ? (
          <p className="mt-1" data-testid="upgrade-text">
            The {nextPlan.name} plan raises {LIMIT_ORDER.filter((limit) => nextPlan.limits[limit] > plan.limits[limit]).map((limit) => `${PLAN_LIMITS[limit].description} to ${formatLimit(limit, nextPlan.limits[limit])}`).join(", ")}
            {FEATURE_FLAG_NAMES.some((feature) => nextPlan.features[feature] && !plan.features[feature])
              ? ` and adds ${FEATURE_FLAG_NAMES.filter((feature) => nextPlan.features[feature] && !plan.features[feature]).map((feature) => FEATURE_LABELS[feature].toLowerCase()).join(", ")}`
              : ""}
            . To change plan, ask Asset Anchor support from the owner&apos;s email address; the new limits apply within seconds, and a downgrade never deletes anything.
          </p>
        ) : (
          <p className="mt-1" data-testid="upgrade-text">
            You are on our largest plan. Its limits are set in your Enterprise contract: contact Asset Anchor support to raise any of them.
          </p>
        )}
      </section>
    </main>
  );
}
