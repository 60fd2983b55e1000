import { platformPool } from "@/lib/db/pools";
import type { HealthStatus } from "./health-thresholds";

export interface StoredTenantHealth {
  tenantId: string;
  slug: string;
  name: string;
  status: HealthStatus;
  reasons: string[];
  noisyNeighbour: boolean;
  checkedAt: string;
  statusSince: string;
}

const ORDER = "CASE h.status WHEN 'critical' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END, t.slug";

/** The latest stored check of every tenant, worst first (read as the platform role: the admin console and API). */
export async function readTenantHealth(filter: { status?: HealthStatus } = {}): Promise<StoredTenantHealth[]> {
  const result = await platformPool().query<{ tenant_id: string; slug: string; name: string; status: HealthStatus; reasons: string[]; noisy_neighbour: boolean; checked_at: Date; status_since: Date }>(
    `SELECT h.subject_tenant_id AS tenant_id, t.slug, t.name, h.status, h.reasons, h.noisy_neighbour, h.checked_at, h.status_since
       FROM tenant_health h JOIN tenants t ON t.id = h.subject_tenant_id
      WHERE t.status <> 'deleted' AND ($1::text IS NULL OR h.status = $1)
      ORDER BY ${ORDER}`,
    [filter.status ?? null],
  );
  return result.rows.map((row) => ({
    tenantId: row.tenant_id,
    slug: row.slug,
    name: row.name,
    status: row.status,
    reasons: row.reasons,
    noisyNeighbour: row.noisy_neighbour,
    checkedAt: row.checked_at.toISOString(),
    statusSince: row.status_since.toISOString(),
  }));
}
