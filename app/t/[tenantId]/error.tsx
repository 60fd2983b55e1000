"use client";

import { StatusPage } from "@/components/status-page";

/** An unexpected failure on a tenant page: what happened, what to try, and a reference for support. */
export default function TenantPageError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <StatusPage code={500} title="Something went wrong">
      <p>This page could not be loaded. Nothing you entered was lost on our side; try again in a moment.</p>
      <p className="flex justify-center gap-3">
        <button type="button" onClick={reset} className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-semibold text-slate-800 hover:bg-slate-50">
          Try again
        </button>
        <a href="/" className="rounded-md px-4 py-2 text-sm font-semibold text-slate-700 underline">
          Go to the home page
        </a>
      </p>
      {error.digest ? (
        <p className="text-xs text-slate-500">
          If it keeps happening, tell your administrator this reference: <code className="rounded bg-slate-100 px-1">{error.digest}</code>
        </p>
      ) : null}
    </StatusPage>
  );
}
