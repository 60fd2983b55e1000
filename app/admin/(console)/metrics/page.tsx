import type { Metadata } from "next";
import { ConsolePage, ConsoleTable, UtcMinute } from "@/components/admin/console-page";
import { HealthStatusBadge } from "@/components/admin/health-status-badge";
import { MetricsTrendChart } from "@/components/admin/metrics-trend-chart";
import { requirePlatformAdmin } from "@/lib/auth/page-identity";
import { readKeyMetrics } from "@/lib/health/key-metrics";
import { requireSurface } from "@/lib/tenancy/require-surface";

export const metadata: Metadata = { title: "Key metrics · Admin console", robots: { index: false } };
export const dynamic = "force-dynamic";

const threshold = (value: number | null, unit: string) => (value === null ? "N/A" : `> ${value}${unit === "count" ? "" : ` ${unit}`}`);

export default async function AdminMetricsPage() {
  await requireSurface("admin");
  await requirePlatformAdmin();
  const { computedAt, metrics } = await readKeyMetrics();
  return (
    <ConsolePage
      title="Key metrics"
      intro={
        computedAt ? (
          <>
            Computed <UtcMinute iso={computedAt} /> UTC with the analytics snapshot.
          </>
        ) : (
          "Not computed yet: run anchor analytics snapshot."
        )
      }
    >
      <ConsoleTable className="mt-6" headers={["Metric", "Value", "Status", "Warning", "Critical", "Trend"]}>
        {metrics.map((metric) => (
          <tr key={metric.key} className="border-b" data-testid={`metric-${metric.key}`}>
            <td className="py-2">
              <div className="font-medium">{metric.label}</div>
              <div className="text-xs text-slate-500">{metric.description}</div>
            </td>
            <td data-testid={`metric-value-${metric.key}`}>{metric.value === null ? "no data" : `${metric.value}${metric.unit === "count" ? "" : ` ${metric.unit}`}`}</td>
            <td>
              <HealthStatusBadge status={metric.status} />
            </td>
            <td>{threshold(metric.warning, metric.unit)}</td>
            <td>{threshold(metric.critical, metric.unit)}</td>
            <td>
              <MetricsTrendChart trend={metric.trend} />
            </td>
          </tr>
        ))}
      </ConsoleTable>
    </ConsolePage>
  );
}
