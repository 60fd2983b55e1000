import type { Metadata } from "next";
import { ConsolePage, ConsoleSection, ConsoleTable } from "@/components/admin/console-page";
import { readPlanCatalog } from "@/lib/admin-console/read-plan-catalog";
import { requirePlatformAdmin } from "@/lib/auth/page-identity";
import { formatLimit, isPlanLimit, PLANS } from "@/lib/plans/plans";
import { requireSurface } from "@/lib/tenancy/require-surface";

export const metadata: Metadata = { title: "Plans · Admin console", robots: { index: false } };
export const dynamic = "force-dynamic";

/** The plans (typed data, lib/plans) side by side, how many tenants each has, and the tenants that override theirs. */
export default async function AdminPlansPage() {
  await requireSurface("admin");
  await requirePlatformAdmin();
  const catalog = await readPlanCatalog();
  return (
    <ConsolePage title="Plans" intro="Plans are typed data (lib/plans/plans.ts): a change is a code change. A tenant's plan is changed on its page's Manage tab.">
      <ConsoleTable className="mt-6" headers={["", ...catalog.plans.map((plan) => plan.name)]}>
        <tr className="border-b" data-testid="plan-row-tenants">
          <th scope="row" className="py-2 pr-3 font-medium">
            Tenants
          </th>
          {catalog.plans.map((plan) => (
            <td key={plan.id} className="pr-3" data-testid={`plan-${plan.id}-tenants`}>
              <a href={`/tenants?plan=${plan.id}`} className="underline">
                {plan.tenants}
              </a>
            </td>
          ))}
        </tr>
        {catalog.limits.map((limit) => (
          <tr key={limit.name} className="border-b">
            <th scope="row" className="py-2 pr-3 font-medium">
              {limit.description} <span className="font-mono text-xs text-slate-500">{limit.name}</span>
            </th>
            {catalog.plans.map((plan) => (
              <td key={plan.id} className="pr-3" data-testid={`plan-${plan.id}-${limit.name}`}>
                {formatLimit(limit.name, plan.limits[limit.name])}
                {plan.limitsOverridable ? <span className="text-xs text-slate-500"> (overridable)</span> : null}
              </td>
            ))}
          </tr>
        ))}
        {catalog.features.map((feature) => (
          <tr key={feature.name} className="border-b">
            <th scope="row" className="py-2 pr-3 font-medium" title={feature.description}>
              <span className="font-mono text-xs">{feature.name}</span>
            </th>
            {catalog.plans.map((plan) => (
              <td key={plan.id} className="pr-3" data-testid={`plan-${plan.id}-${feature.name}`}>
                {plan.features[feature.name] ? "on" : "off"}
              </td>
            ))}
          </tr>
        ))}
      </ConsoleTable>
      <ConsoleSection title="Tenants with overrides">
        <p className="mt-1 text-sm text-slate-600">Feature flags set per tenant (any plan) and limit overrides (applied on Enterprise only; kept but ignored on other plans).</p>
        {catalog.overrides.length === 0 ? (
          <p className="mt-3 text-slate-600">No tenant overrides its plan.</p>
        ) : (
          <ConsoleTable headers={["Tenant", "Plan", "Feature flags", "Limits"]}>
            {catalog.overrides.map((entry) => (
              <tr key={entry.tenant.id} className="border-b align-top" data-testid={`override-row-${entry.tenant.slug}`}>
                <td className="py-2 pr-3">
                  <a href={`/tenants/${entry.tenant.slug}/manage`} className="hover:underline">
                    {entry.tenant.name}
                  </a>{" "}
                  <span className="text-xs text-slate-500">{entry.tenant.slug}</span>
                </td>
                <td className="py-2 pr-3">{PLANS[entry.tenant.plan].name}</td>
                <td className="py-2 pr-3">
                  {Object.entries(entry.flags).map(([flag, enabled]) => (
                    <div key={flag}>
                      <span className="font-mono text-xs">{flag}</span> {enabled ? "on" : "off"}
                    </div>
                  ))}
                </td>
                <td className="py-2 pr-3">
                  {Object.entries(entry.limits).map(([limit, value]) =>
                    isPlanLimit(limit) ? (
                      <div key={limit}>
                        <span className="font-mono text-xs">{limit}</span> {formatLimit(limit, value)}
                        {entry.limitsApply ? null : <span className="text-xs text-slate-500"> (not applied on {PLANS[entry.tenant.plan].name})</span>}
                      </div>
                    ) : null,
                  )}
                </td>
              </tr>
            ))}
          </ConsoleTable>
        )}
      </ConsoleSection>
    </ConsolePage>
  );
}
