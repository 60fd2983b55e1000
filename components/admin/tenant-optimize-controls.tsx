"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { FormAlert } from "@/components/forms/form-alert";
import { useHydrated } from "@/components/forms/use-hydrated";
import { ActionDialog } from "./action-dialog";
import { callAdminApi } from "./admin-api-client";

/** "Refresh report" (a read-only run) and "Apply…" (vacuum + indexes), both queued for the operator worker. */
export function TenantOptimizeControls({ slug, staleTables, suggestions }: { slug: string; staleTables: number; suggestions: number }) {
  const router = useRouter();
  const hydrated = useHydrated();
  const [refreshing, setRefreshing] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function refresh() {
    setRefreshing(true);
    setError(null);
    const answer = await callAdminApi("POST", `/api/admin/tenants/${slug}/optimization`, { apply: false });
    setRefreshing(false);
    if (!answer.ok) return setError(answer.message);
    router.refresh();
  }

  return (
    <div className="flex flex-wrap items-center gap-3">
      <button
        type="button"
        disabled={!hydrated || refreshing}
        aria-busy={refreshing}
        onClick={() => void refresh()}
        className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-semibold text-slate-800 hover:bg-slate-50 disabled:opacity-60"
      >
        {refreshing ? "Computing…" : "Refresh report"}
      </button>
      <ActionDialog
        triggerLabel="Apply…"
        title={`Optimise ${slug}'s database?`}
        description={`VACUUM ANALYZE on the tables not vacuumed for 7 days (${staleTables} in the last report) and CREATE INDEX CONCURRENTLY for the suggested indexes (${suggestions}). Nothing is dropped; the tenant stays online.`}
        confirmLabel="Apply"
        tone="primary"
        onConfirm={async () => {
          const answer = await callAdminApi("POST", `/api/admin/tenants/${slug}/optimization`, { apply: true });
          if (answer.ok) router.refresh();
          return answer.message;
        }}
      />
      <FormAlert message={error} />
    </div>
  );
}
