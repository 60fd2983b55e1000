/**
 * Where usage lives in Redis (under KV_NAMESPACE), and how long:
 *   usage:<tenantId>:calls                 hash endpoint → calls (all time)
 *   usage:<tenantId>:latency:<endpoint>    list of the last 1,000 response times (ms), newest first
 *   usage:<tenantId>:daily:<YYYY-MM-DD>    hash endpoint → calls that UTC day
 *   usage:<tenantId>:errors:<YYYY-MM-DD>   hash endpoint → responses ≥ 400 that UTC day
 *   usage:<tenantId>:sizes:<YYYY-MM-DD>    hash dbBytes, storageBytes: the usage-sizes job's sample that day
 * The daily hashes (sizes too) are kept 400 days (billing); the latency lists 30 days after their last write.
 * An endpoint is `METHOD /route/[param]` (the route pattern, not the raw path).
 */
export const LATENCY_SAMPLES = 1_000;
export const DAILY_RETENTION_SECONDS = 400 * 24 * 60 * 60;
export const LATENCY_RETENTION_SECONDS = 30 * 24 * 60 * 60;

export const usageKeys = {
  calls: (tenantId: string) => ["usage", tenantId, "calls"],
  latency: (tenantId: string, endpoint: string) => ["usage", tenantId, "latency", endpoint],
  daily: (tenantId: string, day: string) => ["usage", tenantId, "daily", day],
  errors: (tenantId: string, day: string) => ["usage", tenantId, "errors", day],
  sizes: (tenantId: string, day: string) => ["usage", tenantId, "sizes", day],
};

/** The UTC day of an epoch-ms time, `YYYY-MM-DD`. */
export function utcDay(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 10);
}

/** The route pattern of a request: each path segment that is a route param's value becomes `[name]`. */
export function routePattern(method: string, path: string, params: Record<string, string>): string {
  const byValue = new Map(Object.entries(params).filter(([name]) => name !== "tenantId").map(([name, value]) => [value, name]));
  const segments = path.split("/").map((segment) => {
    let decoded = segment;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      // keep the raw segment
    }
    const name = byValue.get(decoded);
    return name ? `[${name}]` : segment;
  });
  return `${method.toUpperCase()} ${segments.join("/")}`;
}
