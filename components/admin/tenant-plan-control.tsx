"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { ActionDialog } from "./action-dialog";
import { callAdminApi, type AdminApiAnswer } from "./admin-api-client";

/** Change the plan; a downgrade below usage is refused with the numbers, and can then be forced. */
export function TenantPlanControl({ slug, plan, plans }: { slug: string; plan: string; plans: Array<{ id: string; name: string }> }) {
  const router = useRouter();
  const [target, setTarget] = useState(plan);
  const [refusal, setRefusal] = useState<AdminApiAnswer | null>(null);
  const [force, setForce] = useState(false);
  return (
    <ActionDialog
      triggerLabel="Change plan…"
      title={`Change the plan of ${slug}`}
      description="Takes effect at once in every process. A plan below the tenant's current usage is refused unless you force it (writes over quota are then refused; nothing is deleted)."
      confirmLabel={force ? "Change plan anyway" : "Change plan"}
      onOpenChange={(open) => {
        if (!open) return;
        setTarget(plan);
        setRefusal(null);
        setForce(false);
      }}
      onConfirm={async () => {
        const answer = await callAdminApi("POST", `/api/admin/tenants/${slug}/plan`, { plan: target, force });
        if (answer.ok) {
          router.refresh();
          return null;
        }
        setRefusal(answer);
        return answer.message;
      }}
      extra={
        refusal?.details?.length ? (
          <div className="space-y-2 text-sm">
            <ul className="list-disc pl-5 text-slate-700" data-testid="plan-over-quota">
              {refusal.details.map((item) => (
                <li key={item.limit}>
                  {item.limit}: uses {item.usage}, {item.plan} allows {item.max}
                </li>
              ))}
            </ul>
            <label className="flex items-center gap-2 text-slate-800">
              <input type="checkbox" checked={force} onChange={(event) => setForce(event.target.checked)} />
              Change it anyway (force)
            </label>
          </div>
        ) : null
      }
    >
      <label className="block text-sm font-medium text-slate-800">
        New plan
        <select value={target} onChange={(event) => setTarget(event.target.value)} className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm">
          {plans.map((option) => (
            <option key={option.id} value={option.id}>
              {option.name}
              {option.id === plan ? " (current)" : ""}
            </option>
          ))}
        </select>
      </label>
    </ActionDialog>
  );
}
