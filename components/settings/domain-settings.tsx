"use client";

import { ConfirmDialog } from "@/components/dashboard/confirm-dialog";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { useHydrated } from "@/components/forms/use-hydrated";
import type { CustomDomainStatus } from "@/lib/domains/get-custom-domain";
import type { VerificationResult } from "@/lib/domains/verify-custom-domain";
import type { ActionResult } from "@/lib/http/tenant-action";
import { SubmitButton } from "@/components/forms/submit-button";

interface DomainActions {
  add: (input: { domain: string }) => Promise<ActionResult<CustomDomainStatus>>;
  verify: (input: Record<string, never>) => Promise<ActionResult<VerificationResult>>;
  remove: (input: Record<string, never>) => Promise<ActionResult<CustomDomainStatus>>;
}

const button = "rounded-md px-4 py-2 text-sm font-semibold shadow-sm disabled:opacity-60";

/** `portalOrigin` turns a domain into its portal's address (protocol and port as this deployment serves it). */
export function DomainSettings({ status, actions, portalOrigin }: { status: CustomDomainStatus; actions: DomainActions; portalOrigin: { protocol: string; port: string } }) {
  const router = useRouter();
  const [message, setMessage] = useState<{ tone: "ok" | "error"; text: string } | null>(null);
  const [pending, setPending] = useState(false);
  const hydrated = useHydrated();

  async function run<T>(action: () => Promise<ActionResult<T>>, describe: (data: T) => { tone: "ok" | "error"; text: string }) {
    setPending(true);
    const result = await action();
    setPending(false);
    setMessage(result.ok ? describe(result.data) : { tone: "error", text: result.error.message });
    router.refresh();
  }

  async function add(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const domain = String(new FormData(event.currentTarget).get("domain") ?? "");
    await run(() => actions.add({ domain }), (data) => ({ tone: "ok", text: `Added ${data.domain}. Create the records below, then press Verify.` }));
  }

  return (
    <div className="space-y-6">
      {message ? (
        <p role={message.tone === "error" ? "alert" : "status"} data-testid="domain-message" className={`rounded-md px-3 py-2 text-sm ${message.tone === "error" ? "bg-red-50 text-red-800" : "bg-green-50 text-green-800"}`}>
          {message.text}
        </p>
      ) : null}
      <form onSubmit={add} className="flex flex-wrap items-end gap-3" aria-label="Set custom domain">
        <div className="min-w-64 flex-1">
          <label htmlFor="domain" className="block text-sm font-medium text-slate-700">
            Custom domain
          </label>
          <input id="domain" name="domain" defaultValue={status.domain ?? ""} placeholder="homes.example.com" className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm" />
        </div>
        <SubmitButton pending={pending} pendingLabel="Saving…" disabled={!hydrated}>
          {status.domain ? "Change domain" : "Add domain"}
        </SubmitButton>
      </form>

      {status.domain ? (
        <section aria-labelledby="domain-status" className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="domain-status" className="text-base font-semibold">
            {status.domain}: <span data-testid="domain-state">{status.verified ? "verified" : status.claimExpired ? "claim expired" : "not verified"}</span>
          </h2>
          {!status.verified && status.claimExpiresAt ? (
            <p data-testid="claim-expiry" className="text-sm text-slate-600">
              {status.claimExpired
                ? `This claim expired on ${status.claimExpiresAt.slice(0, 10)}. Add the domain again for a new token.`
                : `Verify by ${status.claimExpiresAt.slice(0, 10)}: an unverified claim lasts 7 days and does not stop whoever proves ownership of the domain first.`}
            </p>
          ) : null}
          {status.instructions ? (
            <div className="overflow-x-auto">
              <table className="min-w-full text-left text-sm">
                <caption className="mb-2 text-left text-slate-600">Create these DNS records at your DNS provider:</caption>
                <thead className="text-xs uppercase text-slate-500">
                  <tr>
                    <th scope="col" className="py-1 pr-4">Type</th>
                    <th scope="col" className="py-1 pr-4">Name</th>
                    <th scope="col" className="py-1">Value</th>
                  </tr>
                </thead>
                <tbody className="font-mono text-xs">
                  <tr>
                    <td className="py-1 pr-4">TXT</td>
                    <td className="py-1 pr-4 break-all">{status.instructions.txt.name}</td>
                    <td className="py-1 break-all" data-testid="txt-value">{status.instructions.txt.value}</td>
                  </tr>
                  <tr>
                    <td className="py-1 pr-4">CNAME</td>
                    <td className="py-1 pr-4 break-all">{status.instructions.cname.name}</td>
                    <td className="py-1 break-all">{status.instructions.cname.value}</td>
                  </tr>
                </tbody>
              </table>
            </div>
          ) : null}
          <div className="flex flex-wrap gap-2">
            <button type="button" disabled={pending || !hydrated} onClick={() => run(() => actions.verify({}), (data) => ({ tone: data.verified ? "ok" : "error", text: data.message }))} className={`${button} text-white`} style={{ backgroundColor: "var(--primary-color)" }}>
              Verify
            </button>
            {status.verified ? (
              <a
                href={`${portalOrigin.protocol}://${status.domain}${portalOrigin.port ? `:${portalOrigin.port}` : ""}/`}
                className={`${button} border border-slate-300 bg-white text-slate-700`}
                title="The portal only: staff pages and staff sign-in stay on this workspace address"
              >
                Open the portal at {status.domain}
              </a>
            ) : null}
            <ConfirmDialog
              trigger={
                <button type="button" disabled={pending} className={`${button} border border-red-300 bg-white text-red-700`}>
                  Remove
                </button>
              }
              title={`Remove ${status.domain}?`}
              description="It stops serving your portal at once. Staff sign-in stays on your workspace address."
              confirmLabel="Remove domain"
              onConfirm={async () => {
                await run(() => actions.remove({}), () => ({ tone: "ok", text: "Domain removed." }));
                return null;
              }}
            />
          </div>
        </section>
      ) : null}
    </div>
  );
}
