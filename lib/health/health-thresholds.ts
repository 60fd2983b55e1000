/** The seed's TenantHealthMonitor thresholds (fractions and milliseconds); below warning is healthy. */
export const HEALTH_THRESHOLDS = {
  errorRate: { warning: 0.01, critical: 0.05 },
  responseTimeMs: { warning: 300, critical: 1_000 },
  /** Noisy neighbour: response time above this multiple of the tenant's own baseline… */
  baselineMultiple: 2,
  /** …or this share of all tenants' requests today (only counted with at least MIN_TENANTS_FOR_SHARE active tenants). */
  requestShare: 0.5,
  minTenantsForShare: 3,
  /** Weight of the newest check in the response-time baseline (exponential moving average). */
  baselineWeight: 0.2,
} as const;

export type HealthStatus = "healthy" | "warning" | "critical";

const RANK: Record<HealthStatus, number> = { healthy: 0, warning: 1, critical: 2 };

export function worstStatus(statuses: HealthStatus[]): HealthStatus {
  return statuses.reduce<HealthStatus>((worst, status) => (RANK[status] > RANK[worst] ? status : worst), "healthy");
}

/** healthy below warning, warning below critical, critical at or above critical (the seed's `<` comparisons). */
export function gradeAgainst(value: number, thresholds: { warning: number; critical: number }): HealthStatus {
  if (value < thresholds.warning) return "healthy";
  if (value < thresholds.critical) return "warning";
  return "critical";
}
