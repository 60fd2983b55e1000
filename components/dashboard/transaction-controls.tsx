"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { FormAlert } from "@/components/forms/form-alert";
import { FormField, inputClass } from "@/components/forms/form-field";
import { invalidProps, messagesByField, showActionError } from "@/components/forms/hook-form-errors";
import { SubmitButton } from "@/components/forms/submit-button";
import { useHydrated } from "@/components/forms/use-hydrated";
import { usePropertySearch, type PropertyOption } from "@/components/dashboard/use-property-search";
import { useTenant } from "@/components/tenant/tenant-provider";
import type { ActionResult } from "@/lib/http/tenant-action";
import { TRANSACTION_KINDS, transactionInputSchema, type TransactionView } from "@/lib/transactions/transaction-schema";
import { textFormResolver } from "@/components/forms/text-form-resolver";

interface TransactionFormValues {
  propertyId: string;
  kind: (typeof TRANSACTION_KINDS)[number];
  amount: string;
  occurredAt: string;
  note: string;
}
type TransactionFormOutput = z.output<typeof transactionInputSchema>;

const transactionFormResolver = textFormResolver<TransactionFormValues, typeof transactionInputSchema>(transactionInputSchema);

/**
 * Records a pending transaction, checked by the API's schema at each field. The property is one of
 * `properties` (the first is preselected); with `searchable`, typing finds any property of the tenant.
 */
export function RecordTransactionForm({
  properties,
  action,
  searchable = false,
}: {
  properties: PropertyOption[];
  action: (input: TransactionFormOutput) => Promise<ActionResult<TransactionView>>;
  searchable?: boolean;
}) {
  const router = useRouter();
  const { currency } = useTenant();
  const hydrated = useHydrated();
  const defaultValues: TransactionFormValues = { propertyId: properties[0]?.id ?? "", kind: "sale", amount: "", occurredAt: "", note: "" };
  const form = useForm<TransactionFormValues, unknown, TransactionFormOutput>({ resolver: transactionFormResolver, mode: "onTouched", defaultValues });
  const { errors, isSubmitting } = form.formState;
  const fieldErrors = messagesByField(errors);
  const invalid = (name: keyof TransactionFormValues) => invalidProps(errors, name);
  const search = usePropertySearch(properties);
  const { options } = search;

  // A new search result replaces the choices: keep the chosen property if it is still among them.
  useEffect(() => {
    if (!options.some((option) => option.id === form.getValues("propertyId"))) form.setValue("propertyId", options[0]?.id ?? "");
  }, [options, form]);

  const submit = form.handleSubmit(async (input) => {
    const result = await action(input);
    if (result.ok) {
      form.reset({ ...defaultValues, propertyId: input.propertyId });
      router.refresh();
      return;
    }
    showActionError(form, result.error);
  });

  return (
    <form onSubmit={(event) => void submit(event)} aria-label="Record transaction" className="grid gap-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:grid-cols-3 lg:grid-cols-6" noValidate>
      <fieldset disabled={!hydrated} className="contents">
        {searchable ? (
          <div>
            <label htmlFor="property-search" className="block text-sm font-medium text-slate-700">
              Find property
            </label>
            <input
              id="property-search"
              type="search"
              value={search.term}
              onChange={(event) => search.setTerm(event.target.value)}
              onKeyDown={(event) => {
                if (event.key === "Enter") event.preventDefault();
              }}
              placeholder="Name or address"
              aria-describedby="property-search-status"
              className={inputClass}
            />
            <p id="property-search-status" aria-live="polite" className={`mt-1 text-xs ${search.error ? "text-red-700" : "text-slate-500"}`}>
              {search.error ?? (search.matches ? `${search.matches.length === 50 ? "First 50" : search.matches.length} match${search.matches.length === 1 ? "" : "es"}` : "Shows the first 100 by name until you type")}
            </p>
          </div>
        ) : null}
        <FormField name="propertyId" label="Property" errors={fieldErrors}>
          <select id="propertyId" {...form.register("propertyId")} className={inputClass} {...invalid("propertyId")}>
            {options.map((property) => (
              <option key={property.id} value={property.id}>
                {property.name}
              </option>
            ))}
          </select>
        </FormField>
        <FormField name="kind" label="Kind" errors={fieldErrors}>
          <select id="kind" {...form.register("kind")} className={inputClass} {...invalid("kind")}>
            {TRANSACTION_KINDS.map((kind) => (
              <option key={kind}>{kind}</option>
            ))}
          </select>
        </FormField>
        <FormField name="amount" label={`Amount (${currency})`} errors={fieldErrors}>
          <input id="amount" type="number" min="0.01" step="0.01" inputMode="decimal" {...form.register("amount")} className={inputClass} {...invalid("amount")} />
        </FormField>
        <FormField name="occurredAt" label="Date" errors={fieldErrors} hint="Empty means now">
          <input id="occurredAt" type="date" {...form.register("occurredAt")} className={inputClass} {...invalid("occurredAt")} />
        </FormField>
        <FormField name="note" label="Note" errors={fieldErrors}>
          <input id="note" {...form.register("note")} className={inputClass} {...invalid("note")} />
        </FormField>
        <FormAlert message={errors.root?.message} className="sm:col-span-3 lg:col-span-6" />
        <div className="sm:col-span-3 lg:col-span-6">
          <SubmitButton pending={isSubmitting} pendingLabel="Recording…" disabled={properties.length === 0}>
            Record transaction
          </SubmitButton>
        </div>
      </fieldset>
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
