import type { Metadata } from "next";
import type { ReactNode } from "react";
import { notFound } from "next/navigation";
import { TenantBackupControls, type BackupView } from "@/components/admin/tenant-backup-controls";
import { TenantDeleteControl } from "@/components/admin/tenant-delete-control";
import { TenantFlagToggles } from "@/components/admin/tenant-flag-toggles";
import { TenantPlanControl } from "@/components/admin/tenant-plan-control";
import { TenantStatusControl } from "@/components/admin/tenant-status-control";
import { listAdminOperations } from "@/lib/admin-operations/request-admin-operation";
import { requirePlatformAdmin } from "@/lib/auth/page-identity";
import { listTenantBackups } from "@/lib/backups/find-backup";
import { summarize } from "@/lib/backups/manifest";
import { AppError } from "@/lib/errors/app-error";
import { PLAN_IDS, PLANS } from "@/lib/plans/plans";
import { featureFlagRows } from "@/lib/tenant-profile/set-feature-flag";
import { loadTenantProfile } from "@/lib/tenant-profile/tenant-profile";
import { requireSurface } from "@/lib/tenancy/require-surface";
import { findTenantBySlug, type TenantDetails } from "@/lib/tenants/find-tenant";
import { readTenantSuspension } from "@/lib/tenants/suspend-tenant";

export const metadata: Metadata = { title: "Manage tenant · Admin console", robots: { index: false } };
export const dynamic = "force-dynamic";

async function findTenant(slug: string): Promise<TenantDetails> {
  try {
    return await findTenantBySlug(slug);
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  }
}

async function readBackups(tenantId: string): Promise<{ backups: BackupView[]; error: string | null }> {
  try {
    const manifests = await listTenantBackups(tenantId);
    return { backups: manifests.map(summarize).map(({ id, kind, createdAt, bytes }) => ({ id, kind, createdAt, bytes })), error: null };
  } catch {
    return { backups: [], error: "The backup store cannot be read from this server; list backups with `anchor backups list`." };
  }
}

function Section({ title, children, testId }: { title: string; children: ReactNode; testId: string }) {
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-5" data-testid={testId}>
      <h2 className="text-lg font-semibold text-slate-900">{title}</h2>
      <div className="mt-3">{children}</div>
    </section>
  );
}

/** The tenant page's Manage tab: plan, feature flags, suspension, backups and restore, delete. */
export default async function ManageTenantPage({ params }: { params: Promise<{ slug: string }> }) {
  await requireSurface("admin");
  await requirePlatformAdmin();
  const { slug } = await params;
  const tenant = await findTenant(slug);
  const operations = await listAdminOperations(slug, 10);
  const { backups, error: backupsError } = await readBackups(tenant.id);
  const deleted = tenant.status === "deleted";
  const profile = deleted ? null : await loadTenantProfile(tenant.id);
  const suspension = tenant.status === "suspended" ? await readTenantSuspension(tenant.id) : null;
  return (
    <main className="mx-auto max-w-5xl space-y-6 px-6 py-10">
      <header>
        <h1 className="text-3xl font-bold tracking-tight text-slate-900">
          {tenant.name} <span className="text-base font-normal text-slate-500">({tenant.slug})</span>
        </h1>
        <p className="mt-2 text-sm text-slate-600">
          Status <strong data-testid="tenant-status">{tenant.status}</strong> · plan <strong data-testid="tenant-plan">{PLANS[profile?.plan.id ?? "standard"].name}</strong>
        </p>
      </header>
      {deleted ? (
        <p className="rounded-md bg-slate-100 p-4 text-sm text-slate-700">This tenant is deleted. Its final backup is listed below; restore it with `anchor backups restore`.</p>
      ) : (
        <>
          <Section title="Plan" testId="manage-plan">
            <TenantPlanControl slug={tenant.slug} plan={profile!.plan.id} plans={PLAN_IDS.map((id) => ({ id, name: PLANS[id].name }))} />
          </Section>
          <Section title="Feature flags" testId="manage-flags">
            <TenantFlagToggles slug={tenant.slug} flags={featureFlagRows(profile!)} />
          </Section>
          <Section title={tenant.status === "suspended" ? "Suspended" : "Suspension"} testId="manage-status">
            {suspension ? (
              <p className="mb-3 text-sm text-slate-700" data-testid="manage-suspension-reason">
                Reason: {suspension.reason ?? "none recorded"}
                {suspension.suspendedBy ? ` — by ${suspension.suspendedBy.email}` : ""}
                {suspension.suspendedAt ? ` on ${suspension.suspendedAt.replace("T", " ").slice(0, 16)} UTC` : ""}
              </p>
            ) : (
              <p className="mb-3 text-sm text-slate-600">Active. Suspending shows its staff your reason and its customers a neutral page.</p>
            )}
            <TenantStatusControl slug={tenant.slug} status={tenant.status} />
          </Section>
        </>
      )}
      <Section title="Backups" testId="manage-backups">
        {deleted ? null : <TenantBackupControls slug={tenant.slug} backups={backups} backupsError={backupsError} />}
        {deleted ? backups.map((backup) => <p key={backup.id} className="font-mono text-xs">{backup.id} ({backup.kind})</p>) : null}
      </Section>
      {deleted ? null : (
        <Section title="Danger zone" testId="manage-delete">
          <TenantDeleteControl slug={tenant.slug} />
        </Section>
      )}
      <Section title="Recent operations" testId="manage-operations">
        {operations.length === 0 ? (
          <p className="text-sm text-slate-600">None yet.</p>
        ) : (
          <ul className="space-y-1 text-sm">
            {operations.map((operation) => (
              <li key={operation.id}>
                <span className="font-medium">{operation.kind}</span> — {operation.status}
                {operation.error ? `: ${operation.error.message}` : ""} <span className="text-slate-500">({operation.createdAt.replace("T", " ").slice(0, 19)} UTC)</span>
              </li>
            ))}
          </ul>
        )}
      </Section>
    </main>
  );
}
