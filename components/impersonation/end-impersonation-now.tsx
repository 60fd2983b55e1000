"use client";

import { useState } from "react";

/** The banner's End now: ends the impersonation on this host, then goes back to the admin console. */
export function EndImpersonationNow() {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function end() {
    setPending(true);
    const response = await fetch("/api/auth/impersonation/end", { method: "POST" });
    const body = (await response.json().catch(() => ({}))) as { consoleUrl?: string; message?: string };
    if (response.ok && body.consoleUrl) {
      window.location.assign(body.consoleUrl);
      return;
    }
    setPending(false);
    setError(body.message ?? `Could not end the impersonation (${response.status})`);
  }
  return (
    <span className="ml-auto inline-flex items-center gap-2">
      {error ? <span role="alert">{error}</span> : null}
      <button type="button" onClick={end} disabled={pending} className="rounded border border-white/70 px-2 py-0.5 font-semibold hover:bg-white/20 disabled:opacity-60">
        End now
      </button>
    </span>
  );
}
