import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ConsoleSection, ConsoleTable, UtcMinute } from "@/components/admin/console-page";
import { HealthStatusBadge } from "@/components/admin/health-status-badge";
import { TenantOptimizeControls } from "@/components/admin/tenant-optimize-controls";
import { readTenantOverview } from "@/lib/admin-console/read-tenant-overview";
import { requirePlatformAdmin } from "@/lib/auth/page-identity";
import { AppError } from "@/lib/errors/app-error";
import { formatBytes } from "@/lib/format/format-bytes";
import { readTenantOptimization } from "@/lib/health/read-tenant-optimization";
import { PLAN_LIMITS } from "@/lib/plans/plans";
import { requireSurface } from "@/lib/tenancy/require-surface";

export const metadata: Metadata = { title: "Tenant · Admin console", robots: { index: false } };
export const dynamic = "force-dynamic";

async function readOrNotFound(slug: string) {
  try {
    return await readTenantOverview(slug);
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  }
}

export default async function AdminTenantPage({ params }: { params: Promise<{ slug: string }> }) {
  await requireSurface("admin");
  await requirePlatformAdmin();
  const { tenant, domains, usage, members, recentAudit, health, backups } = await readOrNotFound((await params).slug);
  const optimization = await readTenantOptimization(tenant.slug);
  const report = optimization.report;
  return (
    <main className="pb-12 pt-6">
      <h1 className="text-3xl font-bold tracking-tight text-slate-900">{tenant.name}</h1>
      <dl className="mt-4 grid grid-cols-2 gap-x-6 gap-y-2 text-sm sm:grid-cols-4" data-testid="tenant-profile">
        <div>
          <dt className="text-slate-500">Slug</dt>
          <dd className="font-mono">{tenant.slug}</dd>
        </div>
        <div>
          <dt className="text-slate-500">Plan</dt>
          <dd data-testid="tenant-plan">{tenant.planName ? `${tenant.planName} (${tenant.plan})` : tenant.plan}</dd>
        </div>
        <div>
          <dt className="text-slate-500">Status</dt>
          <dd data-testid="tenant-status">{tenant.status}</dd>
        </div>
        <div>
          <dt className="text-slate-500">Created</dt>
          <dd>
            <UtcMinute iso={tenant.createdAt} /> UTC
          </dd>
        </div>
      </dl>

      <ConsoleSection title="Domains" className="mt-8">
        <ul className="mt-2 space-y-1 text-sm" data-testid="tenant-domains">
          {domains.map((domain) => (
            <li key={domain.url}>
              <a href={domain.url} className="font-mono underline">
                {domain.url}
              </a>{" "}
              <span className="text-slate-500">
                {domain.kind === "subdomain" ? "platform subdomain" : domain.verified ? "custom domain, verified" : "custom domain, not verified"}
              </span>
            </li>
          ))}
        </ul>
      </ConsoleSection>

      <ConsoleSection title="Usage against limits">
        {usage ? (
          <ConsoleTable headers={["Limit", "Used", "Allowed", "Share"]}>
            {usage.map((row) => {
              const bytes = PLAN_LIMITS[row.limit].unit === "bytes";
              const share = row.allowed > 0 ? Math.round((row.used / row.allowed) * 100) : 0;
              return (
                <tr key={row.limit} className="border-b" data-testid={`usage-${row.limit}`}>
                  <td className="py-2">{PLAN_LIMITS[row.limit].description}</td>
                  <td data-testid="used">{bytes ? formatBytes(row.used) : row.used}</td>
                  <td data-testid="allowed">{bytes ? formatBytes(row.allowed) : row.allowed}</td>
                  <td className={share >= 90 ? "font-semibold text-red-700" : ""}>{share}%</td>
                </tr>
              );
            })}
          </ConsoleTable>
        ) : (
          <p className="mt-2 text-sm text-slate-600">No usage: the tenant has no live schema ({tenant.status}).</p>
        )}
      </ConsoleSection>

      <ConsoleSection title={`Members (${members.length})`}>
        <ConsoleTable headers={["Email", "Name", "Role", "Status", "Since"]}>
          {members.map((member) => (
            <tr key={member.id} className="border-b" data-testid="member-row">
              <td className="py-2">{member.email}</td>
              <td>{member.name ?? "—"}</td>
              <td>{member.role}</td>
              <td>{member.status}</td>
              <td>
                <UtcMinute iso={member.createdAt} />
              </td>
            </tr>
          ))}
        </ConsoleTable>
      </ConsoleSection>

      <ConsoleSection title="Health">
        {health ? (
          <div className="mt-2 text-sm" data-testid="tenant-health">
            <p>
              <HealthStatusBadge status={health.status} /> since <UtcMinute iso={health.statusSince} /> UTC, checked <UtcMinute iso={health.checkedAt} /> UTC
              {health.noisyNeighbour ? <span className="ml-2 rounded bg-purple-100 px-1 text-xs text-purple-800">noisy neighbour</span> : null}
            </p>
            {health.reasons.length > 0 ? <p className="mt-1">{health.reasons.join("; ")}</p> : null}
            <ConsoleTable headers={["Check", "Status", "Details"]}>
              {Object.entries(health.checks).map(([name, check]) => (
                <tr key={name} className="border-b align-top">
                  <td className="py-2">{name.replace("_", " ")}</td>
                  <td>
                    <HealthStatusBadge status={check.status} />
                  </td>
                  <td className="font-mono text-xs">{JSON.stringify(check.details)}</td>
                </tr>
              ))}
            </ConsoleTable>
          </div>
        ) : (
          <p className="mt-2 text-sm text-slate-600">Not checked yet (the health job runs every 5 minutes, or anchor health check --tenant {tenant.slug}).</p>
        )}
      </ConsoleSection>

      <ConsoleSection
        title="Database optimisation"
        actions={tenant.status === "active" ? <TenantOptimizeControls slug={tenant.slug} staleTables={report?.tables.filter((table) => table.stale).length ?? 0} suggestions={report?.indexSuggestions.length ?? 0} /> : null}
      >
        <div className="mt-2 text-sm" data-testid="tenant-optimization">
          {report ? (
            <>
              <p data-testid="optimization-computed">
                {report.applied ? "Applied" : "Report"} of <UtcMinute iso={optimization.computedAt} /> UTC: {report.tables.filter((table) => table.stale).length} of {report.tables.length} tables not vacuumed for 7 days
                {report.applied ? `, ${report.tables.filter((table) => table.vacuumed).length} vacuumed` : ""}.
                {optimization.pending ? " A new run is queued." : ""}
              </p>
              <ConsoleTable headers={["Table", "Live rows", "Dead rows", "Bloat", "Last vacuum (UTC)", "Action"]}>
                {report.tables.map((table) => (
                  <tr key={table.table} className="border-b" data-testid="optimization-table">
                    <td className="py-2 font-mono text-xs">{table.table}</td>
                    <td>{table.liveRows}</td>
                    <td>{table.deadRows}</td>
                    <td className={table.deadRatio >= 0.2 ? "font-semibold text-red-700" : ""}>{(table.deadRatio * 100).toFixed(1)}%</td>
                    <td>
                      <UtcMinute iso={table.lastVacuum} />
                    </td>
                    <td data-testid="optimization-action">{table.vacuumed ? "vacuumed" : table.stale ? "stale" : "—"}</td>
                  </tr>
                ))}
              </ConsoleTable>
              <p className="mt-3" data-testid="optimization-indexes">
                {!report.pgStatStatements
                  ? "Index suggestions: pg_stat_statements is not available on this database."
                  : report.indexSuggestions.length === 0
                    ? "Index suggestions: none."
                    : "Index suggestions:"}
              </p>
              {report.indexSuggestions.length > 0 ? (
                <ul className="mt-1 space-y-1">
                  {report.indexSuggestions.map((suggestion) => (
                    <li key={`${suggestion.table}.${suggestion.column}`}>
                      <code className="text-xs">{suggestion.ddl}</code> — {suggestion.reason}
                      {suggestion.created ? " (created)" : ""}
                    </li>
                  ))}
                </ul>
              ) : null}
            </>
          ) : (
            <p data-testid="optimization-computed">
              No report yet{optimization.pending ? " (one is being computed)" : ""}. The operator worker computes it (the web tier has no owner role): Refresh report, or{" "}
              <code>anchor tenants optimize {tenant.slug}</code>.
            </p>
          )}
        </div>
      </ConsoleSection>

      <ConsoleSection title="Recent audit events">
        {recentAudit.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600">No events.</p>
        ) : (
          <ConsoleTable headers={["When", "Action", "Actor", "Target"]}>
            {recentAudit.map((event) => (
              <tr key={event.id} className="border-b" data-testid="audit-row">
                <td className="whitespace-nowrap py-2">
                  <UtcMinute iso={event.createdAt} />
                </td>
                <td className="font-mono text-xs">{event.action}</td>
                <td>{event.actorEmail ?? (event.actorUserId ? "outside this tenant" : "system")}</td>
                <td className="max-w-xs truncate">{event.target ?? "—"}</td>
              </tr>
            ))}
          </ConsoleTable>
        )}
      </ConsoleSection>

      <ConsoleSection title="Backups">
        {backups.error !== null ? (
          <p className="mt-2 text-sm text-amber-800">Backups could not be listed: {backups.error}</p>
        ) : backups.items.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600">No backups yet.</p>
        ) : (
          <ConsoleTable headers={["Backup", "Kind", "Created", "Schema version", "Files", "Size"]}>
            {backups.items.map((backup) => (
              <tr key={backup.id} className="border-b" data-testid="backup-row">
                <td className="py-2 font-mono text-xs">{backup.id}</td>
                <td>{backup.kind}</td>
                <td>
                  <UtcMinute iso={backup.createdAt} />
                </td>
                <td>{backup.schemaVersion}</td>
                <td>{backup.files}</td>
                <td>{formatBytes(backup.bytes)}</td>
              </tr>
            ))}
          </ConsoleTable>
        )}
      </ConsoleSection>
    </main>
  );
}
