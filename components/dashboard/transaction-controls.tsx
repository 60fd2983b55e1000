"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { FormField, inputClass, type FieldErrors } from "@/components/forms/form-field";
import { useTenant } from "@/components/tenant/tenant-provider";
import type { ActionResult } from "@/lib/http/tenant-action";
import { TRANSACTION_KINDS, type TransactionInput, type TransactionView } from "@/lib/transactions/transaction-schema";
import { FormAlert } from "@/components/forms/form-alert";

export function RecordTransactionForm({ properties, action }: { properties: Array<{ id: string; name: string }>; action: (input: TransactionInput) => Promise<ActionResult<TransactionView>> }) {
  const router = useRouter();
  const { currency } = useTenant();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    setPending(true);
    const result = await action({
      propertyId: String(data.get("propertyId") ?? ""),
      kind: String(data.get("kind")) as TransactionInput["kind"],
      amount: Number(data.get("amount") || Number.NaN),
      note: String(data.get("note") ?? "") || null,
    });
    setPending(false);
    if (!result.ok) {
      setErrors(result.error.fieldErrors ?? {});
      setMessage(result.error.message);
      return;
    }
    setErrors({});
    setMessage(null);
    form.reset();
    router.refresh();
  }

  return (
    <form onSubmit={submit} aria-label="Record transaction" className="grid gap-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:grid-cols-4" noValidate>
      <FormField name="propertyId" label="Property" errors={errors}>
        <select id="propertyId" name="propertyId" className={inputClass}>
          {properties.map((property) => (
            <option key={property.id} value={property.id}>
              {property.name}
            </option>
          ))}
        </select>
      </FormField>
      <FormField name="kind" label="Kind" errors={errors}>
        <select id="kind" name="kind" className={inputClass}>
          {TRANSACTION_KINDS.map((kind) => (
            <option key={kind}>{kind}</option>
          ))}
        </select>
      </FormField>
      <FormField name="amount" label={`Amount (${currency})`} errors={errors}>
        <input id="amount" name="amount" type="number" min="0.01" step="0.01" className={inputClass} />
      </FormField>
      <FormField name="note" label="Note" errors={errors}>
        <input id="note" name="note" className={inputClass} />
      </FormField>
      <FormAlert message={message} className="sm:col-span-4" />
      <div className="sm:col-span-4">
        <button type="submit" disabled={pending || properties.length === 0} className="rounded-md px-4 py-2 text-sm font-semibold text-white disabled:opacity-60" style={{ backgroundColor: "var(--primary-color)" }}>
          {pending ? "Recording…" : "Record transaction"}
        </button>
      </div>
    </form>
  );
}

export type TransitionAction = (input: { id: string; to: "completed" | "cancelled" }) => Promise<ActionResult<TransactionView>>;

export function TransitionButtons({ id, action }: { id: string; action: TransitionAction }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  async function move(to: "completed" | "cancelled") {
    setPending(true);
    const result = await action({ id, to });
    setPending(false);
    if (!result.ok) setError(result.error.message);
    router.refresh();
  }
  return (
    <div className="flex flex-wrap gap-2">
      <button type="button" disabled={pending} onClick={() => void move("completed")} className="rounded border border-green-300 px-2 py-1 text-xs font-medium text-green-800">
        Complete
      </button>
      <button type="button" disabled={pending} onClick={() => void move("cancelled")} className="rounded border border-slate-300 px-2 py-1 text-xs font-medium text-slate-700">
        Cancel
      </button>
      {error ? (
        <span role="alert" className="text-xs text-red-700">
          {error}
        </span>
      ) : null}
    </div>
  );
}
