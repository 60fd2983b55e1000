import type { HealthStatus } from "@/lib/health/health-thresholds";

const STYLES: Record<HealthStatus, string> = {
  healthy: "bg-emerald-100 text-emerald-800",
  warning: "bg-amber-100 text-amber-900",
  critical: "bg-red-100 text-red-800",
};

export function HealthStatusBadge({ status }: { status: HealthStatus }) {
  return <span className={`rounded px-2 py-0.5 text-xs font-semibold ${STYLES[status]}`}>{status}</span>;
}
