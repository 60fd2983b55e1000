"use client";

import { useState } from "react";
import { FormAlert } from "@/components/forms/form-alert";
import { useHydrated } from "@/components/forms/use-hydrated";
import { callAdminApi, type AdminOperationView } from "./admin-api-client";

const STEP_LABELS: Record<string, string> = {
  "slug-claimed": "Slug reserved",
  "schema-migrated": "Database schema created and migrated",
  "owner-created": "Owner account and settings created",
  activated: "Workspace activated",
  "welcome-sent": "Set-password mail sent to the owner",
};

/** Provisions a tenant from the browser: the operation is queued, then its steps are shown as they happen. */
export function CreateTenantForm({ plans, tenantUrlPattern }: { plans: Array<{ id: string; name: string }>; tenantUrlPattern: string }) {
  const hydrated = useHydrated();
  const [fields, setFields] = useState({ name: "", slug: "", adminEmail: "", plan: plans[0]?.id ?? "standard" });
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const [error, setError] = useState<string | null>(null);
  const [operation, setOperation] = useState<AdminOperationView | null>(null);
  const [created, setCreated] = useState<string | null>(null);
  const busy = operation !== null && (operation.status === "queued" || operation.status === "running");

  async function submit() {
    setError(null);
    setFieldErrors({});
    setCreated(null);
    setOperation(null);
    const answer = await callAdminApi("POST", "/api/admin/tenants", fields, { async: true, onUpdate: setOperation });
    if (answer.ok) setCreated(fields.slug);
    else {
      setError(answer.message);
      setFieldErrors(answer.fieldErrors ?? {});
    }
  }

  const input = (name: keyof typeof fields, label: string, type = "text") => (
    <label className="block text-sm font-medium text-slate-800">
      {label}
      <input
        type={type}
        name={name}
        value={fields[name]}
        onChange={(event) => setFields({ ...fields, [name]: event.target.value })}
        required
        aria-invalid={fieldErrors[name] ? true : undefined}
        className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
      />
      {fieldErrors[name] ? <span className="mt-1 block text-sm text-red-700">{fieldErrors[name]![0]}</span> : null}
    </label>
  );

  return (
    <div className="space-y-6">
      <form
        className="space-y-4"
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        {input("name", "Workspace name")}
        {input("slug", "Slug (its address)")}
        {input("adminEmail", "Owner email", "email")}
        <label className="block text-sm font-medium text-slate-800">
          Plan
          <select value={fields.plan} onChange={(event) => setFields({ ...fields, plan: event.target.value })} className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm">
            {plans.map((plan) => (
              <option key={plan.id} value={plan.id}>
                {plan.name}
              </option>
            ))}
          </select>
        </label>
        <FormAlert message={error} />
        <button type="submit" disabled={!hydrated || busy} aria-busy={busy} className="rounded-md bg-slate-900 px-4 py-2 text-sm font-semibold text-white hover:bg-slate-700 disabled:opacity-60">
          {busy ? "Creating…" : "Create tenant"}
        </button>
      </form>
      {operation ? (
        <section aria-live="polite" className="rounded-lg border border-slate-200 bg-white p-5" data-testid="provisioning-progress">
          <h2 className="text-lg font-semibold text-slate-900">Provisioning: {operation.status}</h2>
          <ol className="mt-3 space-y-1 text-sm">
            {operation.steps.map((entry) => (
              <li key={entry.step}>✓ {STEP_LABELS[entry.step] ?? entry.step}</li>
            ))}
            {busy ? <li className="text-slate-500">Working…</li> : null}
          </ol>
          {created ? (
            <p className="mt-4 text-sm">
              <a className="font-semibold text-blue-700 underline" href={`/tenants/${created}`}>
                Open {created}
              </a>{" "}
              ·{" "}
              <a className="text-blue-700 underline" href={`/tenants/${created}/manage`}>
                Manage
              </a>{" "}
              · its site: <code>{tenantUrlPattern.replace("{slug}", created)}</code>
            </p>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}
