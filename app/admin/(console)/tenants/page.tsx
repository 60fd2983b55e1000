import type { Metadata } from "next";
import { ConsolePage, UtcMinute } from "@/components/admin/console-page";
import { TenantListTable } from "@/components/admin/tenant-list-table";
import { HEALTH_FILTERS, listConsoleTenants, TENANT_SORT_VALUES, tenantListQuerySchema, type TenantListPage, type TenantSort } from "@/lib/admin-console/list-tenants";
import { requirePlatformAdmin } from "@/lib/auth/page-identity";
import { AppError } from "@/lib/errors/app-error";
import { listHref, readUrlFilters, type IgnoredFilter } from "@/lib/http/read-url-filters";
import { PLAN_IDS } from "@/lib/plans/plans";
import { TENANT_STATUSES } from "@/lib/tenancy/context";
import { requireSurface } from "@/lib/tenancy/require-surface";

export const metadata: Metadata = { title: "Tenants · Admin console", robots: { index: false } };
export const dynamic = "force-dynamic";

const FIELDS = ["q", "status", "plan", "health", "sort", "limit", "cursor"] as const;
const LINK_FIELDS = ["q", "status", "plan", "health", "sort", "limit"] as const;

const SORT_LABELS: Record<TenantSort, string> = {
  name: "Name (A–Z)",
  "-name": "Name (Z–A)",
  created: "Oldest first",
  "-created": "Newest first",
  db_size: "DB size (smallest)",
  "-db_size": "DB size (largest)",
  api_calls: "API calls 30 d (fewest)",
  "-api_calls": "API calls 30 d (most)",
  last_activity: "Last activity (least recent)",
  "-last_activity": "Last activity (most recent)",
};

function Select({ name, label, value, options, anyLabel }: { name: string; label: string; value: string | undefined; options: ReadonlyArray<{ value: string; label: string }>; anyLabel?: string }) {
  return (
    <label className="flex flex-col gap-1 text-sm font-medium text-slate-700">
      {label}
      <select name={name} defaultValue={value ?? ""} className="rounded-md border border-slate-300 bg-white px-2 py-1.5">
        {anyLabel ? <option value="">{anyLabel}</option> : null}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </label>
  );
}

export default async function AdminTenantsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireSurface("admin");
  await requirePlatformAdmin();
  const { query, ignored } = readUrlFilters(tenantListQuerySchema, FIELDS, await searchParams);
  const notes: IgnoredFilter[] = [...ignored];
  let page: TenantListPage;
  try {
    page = await listConsoleTenants(query);
  } catch (error) {
    if (!(error instanceof AppError && error.code === "validation_failed" && query.cursor)) throw error;
    notes.push({ field: "cursor", value: query.cursor, message: "This page link no longer fits the list; showing the first page." });
    page = await listConsoleTenants({ ...query, cursor: undefined });
  }
  const href = (cursor: string | null) => listHref("/tenants", query, LINK_FIELDS, cursor);
  return (
    <ConsolePage
      title="Tenants"
      intro={
        page.snapshotTakenAt ? (
          <>
            Usage columns from the analytics snapshot of <UtcMinute iso={page.snapshotTakenAt} /> UTC; health from the latest check.
          </>
        ) : (
          "No analytics snapshot yet: usage columns fill in after the hourly job (or anchor analytics snapshot)."
        )
      }
    >
      <form method="get" action="/tenants" role="search" aria-label="Filter tenants" className="mt-6 flex flex-wrap items-end gap-3">
        <label className="flex flex-col gap-1 text-sm font-medium text-slate-700">
          Search
          <input type="search" name="q" defaultValue={query.q ?? ""} placeholder="Name, slug or domain" maxLength={100} className="w-64 rounded-md border border-slate-300 px-2 py-1.5" />
        </label>
        <Select name="status" label="Status" value={query.status} anyLabel="Any (not deleted)" options={TENANT_STATUSES.map((status) => ({ value: status, label: status }))} />
        <Select name="plan" label="Plan" value={query.plan} anyLabel="Any" options={PLAN_IDS.map((plan) => ({ value: plan, label: plan }))} />
        <Select name="health" label="Health" value={query.health} anyLabel="Any" options={HEALTH_FILTERS.map((health) => ({ value: health, label: health === "unknown" ? "not checked" : health }))} />
        <Select name="sort" label="Sort" value={query.sort} options={TENANT_SORT_VALUES.map((sort) => ({ value: sort, label: SORT_LABELS[sort] }))} />
        {query.limit !== 25 ? <input type="hidden" name="limit" value={query.limit} /> : null}
        <button type="submit" className="rounded-md bg-slate-900 px-4 py-1.5 text-sm font-semibold text-white hover:bg-slate-700">
          Apply
        </button>
        <a href="/tenants" className="py-1.5 text-sm underline">
          Reset
        </a>
      </form>
      {notes.length > 0 ? (
        <ul role="status" className="mt-4 rounded-md border border-amber-300 bg-amber-50 px-4 py-2 text-sm text-amber-900">
          {notes.map((note) => (
            <li key={note.field}>
              Ignored {note.field} “{note.value.slice(0, 60)}”: {note.message}
            </li>
          ))}
        </ul>
      ) : null}
      <p className="mt-6 text-sm text-slate-600" data-testid="tenant-total">
        {page.total} {page.total === 1 ? "tenant" : "tenants"}
      </p>
      <div className="mt-2">
        <TenantListTable tenants={page.tenants} />
      </div>
      <nav aria-label="Pages" className="mt-4 flex justify-between gap-3 text-sm">
        {page.prevCursor ? (
          <a href={href(page.prevCursor)} rel="prev" className="underline">
            Previous page
          </a>
        ) : (
          <span />
        )}
        {page.nextCursor ? (
          <a href={href(page.nextCursor)} rel="next" className="underline">
            Next page
          </a>
        ) : null}
      </nav>
    </ConsolePage>
  );
}
