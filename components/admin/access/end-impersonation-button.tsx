"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { callAdminApi } from "../admin-api-client";

/** Ends one impersonation (DELETE /api/admin/tenants/[slug]/impersonations/[id]). */
export function EndImpersonationButton({ slug, id, label }: { slug: string; id: string; label: string }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function end() {
    setPending(true);
    const answer = await callAdminApi("DELETE", `/api/admin/tenants/${encodeURIComponent(slug)}/impersonations/${encodeURIComponent(id)}`);
    setPending(false);
    setError(answer.message);
    if (answer.ok) router.refresh();
  }
  return (
    <span className="inline-flex items-center gap-2">
      <button type="button" onClick={end} disabled={pending} aria-label={`End ${label}`} className="rounded border border-slate-300 px-2 py-1 text-xs font-semibold text-slate-700 disabled:opacity-60">
        End
      </button>
      {error ? <span role="alert" className="text-xs text-red-700">{error}</span> : null}
    </span>
  );
}
