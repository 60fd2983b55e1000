import { quoteIdent, tenantSchemaName } from "@/lib/db/schema-name";
import { appPool, inTransaction, ownerPool } from "@/lib/db/pools";
import { AppError } from "@/lib/errors/app-error";
import { deleteObject, getObjectText, putObject } from "@/lib/storage/s3";
import { tenantObjectKey } from "@/lib/storage/tenant-object-key";
import { findTenantBySlug, listTenants, type TenantDetails } from "@/lib/tenants/find-tenant";
import { flushUsage } from "@/lib/usage/usage-meter";
import { usageKeys, utcDay } from "@/lib/usage/usage-keys";
import { usageStore } from "@/lib/usage/usage-store";
import { alertHealthChange, type HealthAlert } from "./health-alerts";
import { gradeAgainst, HEALTH_THRESHOLDS, worstStatus, type HealthStatus } from "./health-thresholds";

export interface HealthCheckResult {
  status: HealthStatus;
  details: Record<string, unknown>;
}

export interface TenantHealthReport {
  tenantId: string;
  slug: string;
  name: string;
  status: HealthStatus;
  /** One sentence per check that is not healthy, and the noisy-neighbour flag's reason. */
  reasons: string[];
  checks: { database: HealthCheckResult; storage: HealthCheckResult; error_rate: HealthCheckResult; response_time: HealthCheckResult };
  noisyNeighbour: boolean;
  checkedAt: string;
  /** Set when this check changed the status platform admins were last told about. */
  alert: HealthAlert | null;
}

function message(error: unknown): string {
  const value = error as { code?: string; message?: string; name?: string };
  return [value.code, value.message ?? value.name].filter(Boolean).join(": ") || "unknown error";
}

/** Database connectivity as the tenant's request would have it: the app role, scoped to the tenant, reading its schema. */
async function checkDatabase(tenantId: string): Promise<HealthCheckResult> {
  const started = performance.now();
  try {
    await inTransaction(appPool(), (client) => client.query(`SELECT 1 FROM ${quoteIdent(tenantSchemaName(tenantId))}.properties LIMIT 1`), tenantId);
    return { status: "healthy", details: { latency_ms: Math.round(performance.now() - started) } };
  } catch (error) {
    return { status: "critical", details: { error: message(error) } };
  }
}

/** Storage access under the tenant's prefix: write, read back and delete a probe object. */
async function checkStorage(tenantId: string): Promise<HealthCheckResult> {
  const started = performance.now();
  const key = tenantObjectKey(tenantId, "health", "probe.txt");
  const body = `health probe ${Date.now()}`;
  try {
    await putObject(key, body, "text/plain", { tenant_id: tenantId });
    const read = await getObjectText(key);
    if (read.body !== body) throw new Error("probe object read back differs");
    await deleteObject(key);
    return { status: "healthy", details: { latency_ms: Math.round(performance.now() - started) } };
  } catch (error) {
    return { status: "critical", details: { error: message(error) } };
  }
}

interface TenantTraffic {
  calls: number;
  errors: number;
  avgResponseMs: number | null;
  samples: number;
}

const sum = (hash: Record<string, number> | undefined) => Object.values(hash ?? {}).reduce((total, value) => total + value, 0);

/**
 * From lib/usage's metering: calls and errors of the last 24 h are the UTC days of now and of 24 h ago
 * (metering keeps days, not hours); the average response time is over the retained latency samples
 * (the last 1,000 per endpoint).
 */
export async function readTenantTraffic(tenantIds: string[], now = Date.now()): Promise<Map<string, TenantTraffic>> {
  await flushUsage();
  const store = await usageStore();
  const days = [...new Set([utcDay(now), utcDay(now - 86_400_000)])];
  const traffic = new Map<string, TenantTraffic>();
  for (const tenantId of tenantIds) {
    const [endpoints, ...dayHashes] = await store.hashes([usageKeys.calls(tenantId), ...days.map((day) => usageKeys.daily(tenantId, day)), ...days.map((day) => usageKeys.errors(tenantId, day))]);
    const calls = dayHashes.slice(0, days.length).reduce((total, hash) => total + sum(hash), 0);
    const errors = dayHashes.slice(days.length).reduce((total, hash) => total + sum(hash), 0);
    const lists = await store.lists(Object.keys(endpoints ?? {}).map((endpoint) => usageKeys.latency(tenantId, endpoint)));
    const samples = lists.flat();
    const avgResponseMs = samples.length === 0 ? null : samples.reduce((total, value) => total + value, 0) / samples.length;
    traffic.set(tenantId, { calls, errors, avgResponseMs, samples: samples.length });
  }
  return traffic;
}

interface StoredHealth {
  status: HealthStatus;
  alerted_status: HealthStatus | null;
  baseline_response_ms: number | null;
  status_since: Date;
}

async function storedHealth(tenantIds: string[]): Promise<Map<string, StoredHealth>> {
  const result = await ownerPool().query<StoredHealth & { tenant_id: string }>(
    "SELECT subject_tenant_id AS tenant_id, status, alerted_status, baseline_response_ms, status_since FROM tenant_health WHERE subject_tenant_id = ANY($1::uuid[])",
    [tenantIds],
  );
  return new Map(result.rows.map((row) => [row.tenant_id, row]));
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

/**
 * The seed's TenantHealthMonitor.check_tenant_health: each tenant's database, storage, 24 h error rate
 * and average response time graded healthy / warning / critical, plus noisy-neighbour detection; the
 * result stored in tenant_health and, when the status differs from the one admins were last told, an
 * alert (mail to every active platform admin, ALERT_WEBHOOK_URL) — recovery to healthy included.
 * Runs as the operator (CLI, scheduled job).
 */
export async function checkTenantHealth(options: { slug?: string; now?: number } = {}): Promise<TenantHealthReport[]> {
  const now = options.now ?? Date.now();
  const tenants: TenantDetails[] = options.slug ? [await findTenantBySlug(options.slug)] : (await listTenants()).filter((tenant) => tenant.status === "active");
  if (options.slug && tenants[0]!.status !== "active" && tenants[0]!.status !== "suspended") {
    throw new AppError({ code: "conflict", message: `Tenant "${options.slug}" is ${tenants[0]!.status}; only active or suspended tenants are checked` });
  }
  const everyActive = options.slug ? (await listTenants()).filter((tenant) => tenant.status === "active").map((tenant) => tenant.id) : tenants.map((tenant) => tenant.id);
  const traffic = await readTenantTraffic([...new Set([...everyActive, ...tenants.map((tenant) => tenant.id)])], now);
  const totalCalls = [...traffic.values()].reduce((total, entry) => total + entry.calls, 0);
  const activeTenants = [...traffic.values()].filter((entry) => entry.calls > 0).length;
  const stored = await storedHealth(tenants.map((tenant) => tenant.id));
  const reports: TenantHealthReport[] = [];

  for (const tenant of tenants) {
    const [database, storage] = await Promise.all([checkDatabase(tenant.id), checkStorage(tenant.id)]);
    const usage = traffic.get(tenant.id)!;
    const errorRate = usage.calls === 0 ? 0 : usage.errors / usage.calls;
    const responseMs = usage.avgResponseMs ?? 0;
    const checks = {
      database,
      storage,
      error_rate: {
        status: gradeAgainst(errorRate, HEALTH_THRESHOLDS.errorRate),
        details: { error_rate: round(errorRate, 4), calls: usage.calls, errors: usage.errors, threshold_warning: HEALTH_THRESHOLDS.errorRate.warning, threshold_critical: HEALTH_THRESHOLDS.errorRate.critical },
      },
      response_time: {
        status: gradeAgainst(responseMs, HEALTH_THRESHOLDS.responseTimeMs),
        details: { avg_response_time_ms: round(responseMs, 1), samples: usage.samples, threshold_warning: HEALTH_THRESHOLDS.responseTimeMs.warning, threshold_critical: HEALTH_THRESHOLDS.responseTimeMs.critical },
      },
    } satisfies TenantHealthReport["checks"];

    const reasons: string[] = [];
    if (database.status !== "healthy") reasons.push(`database: ${String(database.details.error)}`);
    if (storage.status !== "healthy") reasons.push(`storage: ${String(storage.details.error)}`);
    if (checks.error_rate.status !== "healthy") reasons.push(`error rate ${(errorRate * 100).toFixed(1)}% over 24 h (warning ≥ 1%, critical ≥ 5%)`);
    if (checks.response_time.status !== "healthy") reasons.push(`average response time ${Math.round(responseMs)} ms (warning ≥ 300 ms, critical ≥ 1,000 ms)`);

    const previous = stored.get(tenant.id);
    const baseline = previous?.baseline_response_ms ?? null;
    let noisyNeighbour = false;
    if (baseline !== null && baseline > 0 && usage.avgResponseMs !== null && usage.avgResponseMs > HEALTH_THRESHOLDS.baselineMultiple * baseline) {
      noisyNeighbour = true;
      reasons.push(`noisy neighbour: response time ${Math.round(usage.avgResponseMs)} ms is above 2× its baseline ${Math.round(baseline)} ms`);
    }
    const share = totalCalls === 0 ? 0 : usage.calls / totalCalls;
    if (activeTenants >= HEALTH_THRESHOLDS.minTenantsForShare && share > HEALTH_THRESHOLDS.requestShare) {
      noisyNeighbour = true;
      reasons.push(`noisy neighbour: ${(share * 100).toFixed(0)}% of all tenants' requests in 24 h`);
    }

    const status = worstStatus([database.status, storage.status, checks.error_rate.status, checks.response_time.status, noisyNeighbour ? "warning" : "healthy"]);
    const nextBaseline = usage.avgResponseMs === null ? baseline : baseline === null ? usage.avgResponseMs : baseline + HEALTH_THRESHOLDS.baselineWeight * (usage.avgResponseMs - baseline);
    const checkedAt = new Date(now).toISOString();
    // First check of a tenant: healthy needs no alert; anything else is news.
    const toldStatus: HealthStatus = previous?.alerted_status ?? "healthy";
    const alert: HealthAlert | null = status === toldStatus ? null : { tenantId: tenant.id, slug: tenant.slug, name: tenant.name, from: toldStatus, to: status, reasons, checkedAt };

    await ownerPool().query(
      `INSERT INTO tenant_health (subject_tenant_id, status, reasons, checks, noisy_neighbour, baseline_response_ms, checked_at, status_since)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $7)
       ON CONFLICT (subject_tenant_id) DO UPDATE SET status = EXCLUDED.status, reasons = EXCLUDED.reasons, checks = EXCLUDED.checks,
         noisy_neighbour = EXCLUDED.noisy_neighbour, baseline_response_ms = EXCLUDED.baseline_response_ms, checked_at = EXCLUDED.checked_at,
         status_since = CASE WHEN tenant_health.status = EXCLUDED.status THEN tenant_health.status_since ELSE EXCLUDED.checked_at END`,
      [tenant.id, status, JSON.stringify(reasons), JSON.stringify(checks), noisyNeighbour, nextBaseline, checkedAt],
    );
    if (alert) {
      // Claimed before sending, so two concurrent checks (scheduler and CLI) alert once; a failed
      // delivery gives the claim back, so the next check retries it.
      const claimed = await ownerPool().query(
        "UPDATE tenant_health SET alerted_status = $2, alerted_at = now() WHERE subject_tenant_id = $1 AND alerted_status IS DISTINCT FROM $2 RETURNING subject_tenant_id",
        [tenant.id, status],
      );
      if (claimed.rowCount === 1) {
        try {
          await alertHealthChange(alert);
        } catch (error) {
          await ownerPool().query("UPDATE tenant_health SET alerted_status = $2 WHERE subject_tenant_id = $1", [tenant.id, previous?.alerted_status ?? null]);
          throw error;
        }
      }
    }
    reports.push({ tenantId: tenant.id, slug: tenant.slug, name: tenant.name, status, reasons, checks, noisyNeighbour, checkedAt, alert });
  }
  return reports;
}
