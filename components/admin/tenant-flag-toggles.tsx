"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { FormAlert } from "@/components/forms/form-alert";
import { useHydrated } from "@/components/forms/use-hydrated";
import { callAdminApi } from "./admin-api-client";

export interface FlagRowView {
  flag: string;
  description: string;
  enabled: boolean;
  plan: boolean;
  override: boolean | null;
}

type Choice = "inherit" | "on" | "off";

function choiceOf(override: boolean | null): Choice {
  return override === null ? "inherit" : override ? "on" : "off";
}

/** Per flag: follow the plan (no override), or force it on or off for this tenant. */
export function TenantFlagToggles({ slug, flags }: { slug: string; flags: FlagRowView[] }) {
  const router = useRouter();
  const hydrated = useHydrated();
  const [pending, setPending] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function choose(flag: string, choice: Choice) {
    setPending(flag);
    setError(null);
    const path = `/api/admin/tenants/${slug}/flags/${flag}`;
    const answer = choice === "inherit" ? await callAdminApi("DELETE", path) : await callAdminApi("PUT", path, { enabled: choice === "on" });
    setPending(null);
    if (answer.ok) router.refresh();
    else setError(answer.message);
  }

  return (
    <div className="space-y-3">
      <FormAlert message={error} />
      <table className="w-full text-left text-sm">
        <thead className="border-b text-slate-500">
          <tr>
            <th className="py-2">Flag</th>
            <th>Setting</th>
            <th>Effective</th>
          </tr>
        </thead>
        <tbody>
          {flags.map((row) => (
            <tr key={row.flag} className="border-b last:border-0" data-testid={`flag-row-${row.flag}`}>
              <td className="py-2 pr-4">
                <span className="font-medium text-slate-900">{row.flag}</span>
                <span className="block text-xs text-slate-500">{row.description}</span>
              </td>
              <td className="pr-4">
                <select
                  aria-label={`${row.flag} setting`}
                  value={choiceOf(row.override)}
                  disabled={!hydrated || pending !== null}
                  aria-busy={pending === row.flag}
                  onChange={(event) => void choose(row.flag, event.target.value as Choice)}
                  className="rounded-md border border-slate-300 px-2 py-1"
                >
                  <option value="inherit">Inherit from plan ({row.plan ? "on" : "off"})</option>
                  <option value="on">On</option>
                  <option value="off">Off</option>
                </select>
              </td>
              <td data-testid={`flag-effective-${row.flag}`}>{row.enabled ? "on" : "off"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
