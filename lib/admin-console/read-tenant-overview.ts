import { findAuditEventsPage, type AuditEventView } from "@/lib/audit/list-audit-events";
import { listTenantBackups } from "@/lib/backups/find-backup";
import { summarize, type BackupSummary } from "@/lib/backups/manifest";
import { appPool, inTransaction, platformPool } from "@/lib/db/pools";
import type { HealthStatus } from "@/lib/health/health-thresholds";
import { listMembers } from "@/lib/team/list-members";
import type { MemberView } from "@/lib/team/member-schema";
import { loadTenantProfile } from "@/lib/tenant-profile/tenant-profile";
import { COUNTED_LIMITS, readTenantUsage, type CountedLimit } from "@/lib/tenant-profile/read-tenant-usage";
import { tenantBaseUrl } from "@/lib/tenancy/tenant-urls";
import { findTenantBySlug, type TenantDetails } from "@/lib/tenants/find-tenant";
import { toTenantRef } from "@/lib/tenants/tenant-ref";

export const RECENT_AUDIT_EVENTS = 20;

export interface TenantDomain {
  url: string;
  kind: "subdomain" | "custom";
  verified: boolean;
}

export interface TenantHealthView {
  status: HealthStatus;
  reasons: string[];
  checks: Record<string, { status: HealthStatus; details: Record<string, unknown> }>;
  noisyNeighbour: boolean;
  checkedAt: string;
  statusSince: string;
}

export interface TenantOverview {
  tenant: Omit<TenantDetails, "schema"> & { planName: string | null };
  domains: TenantDomain[];
  /** What the tenant uses against its limits; null when it has no live schema (provisioning, deleted). */
  usage: Array<{ limit: CountedLimit; used: number; allowed: number }> | null;
  members: MemberView[];
  recentAudit: AuditEventView[];
  health: TenantHealthView | null;
  /** Read-only list; `error` when the backup store cannot be read from this process. */
  backups: { items: BackupSummary[]; error: null } | { items: null; error: string };
}

async function readHealth(tenantId: string): Promise<TenantHealthView | null> {
  const { rows } = await platformPool().query<{ status: HealthStatus; reasons: string[]; checks: TenantHealthView["checks"]; noisy_neighbour: boolean; checked_at: Date; status_since: Date }>(
    "SELECT status, reasons, checks, noisy_neighbour, checked_at, status_since FROM tenant_health WHERE subject_tenant_id = $1",
    [tenantId],
  );
  const row = rows[0];
  return row ? { status: row.status, reasons: row.reasons, checks: row.checks, noisyNeighbour: row.noisy_neighbour, checkedAt: row.checked_at.toISOString(), statusSince: row.status_since.toISOString() } : null;
}

async function readBackups(tenantId: string): Promise<TenantOverview["backups"]> {
  try {
    return { items: (await listTenantBackups(tenantId)).map(summarize), error: null };
  } catch (error) {
    return { items: null, error: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * Everything the console's tenant page shows, for a platform admin outside any tenant context: the
 * tenant row and health as the platform role; members, audit, profile and usage as the app role scoped
 * to that one tenant (row-level security), exactly what its own staff could read; backups from the store.
 */
export async function readTenantOverview(slug: string): Promise<TenantOverview> {
  const { schema: _schema, ...tenant } = await findTenantBySlug(slug);
  const scope = { tenant: toTenantRef({ ...tenant, planId: tenant.plan }) };
  const live = tenant.status === "active" || tenant.status === "suspended";
  const [usage, members, audit, health, backups] = await Promise.all([
    live
      ? inTransaction(
          appPool(),
          async (client) => {
            const [profile, used] = await Promise.all([loadTenantProfile(tenant.id, client), readTenantUsage(tenant.id, client)]);
            return { planName: profile.plan.name, rows: COUNTED_LIMITS.map((limit) => ({ limit, used: used[limit], allowed: profile.limits[limit] })) };
          },
          tenant.id,
        )
      : null,
    listMembers(scope),
    findAuditEventsPage(scope, { limit: RECENT_AUDIT_EVENTS }),
    readHealth(tenant.id),
    readBackups(tenant.id),
  ]);
  const domains: TenantDomain[] = [{ url: tenantBaseUrl(tenant.slug), kind: "subdomain", verified: true }];
  if (tenant.customDomain) domains.push({ url: `https://${tenant.customDomain}`, kind: "custom", verified: tenant.customDomainVerified });
  return {
    tenant: { ...tenant, planName: usage?.planName ?? null },
    domains,
    usage: usage?.rows ?? null,
    members,
    recentAudit: audit.data,
    health,
    backups,
  };
}
