import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { StatusPage } from "@/components/status-page";
import { currentIdentity } from "@/lib/auth/page-identity";
import { isStaffRole } from "@/lib/auth/permissions";
import { formatDateTime } from "@/lib/format/format-date";
import { getRequestContext } from "@/lib/tenancy/request-context";
import { readTenantSuspension } from "@/lib/tenants/suspend-tenant";

export const metadata: Metadata = { title: "Workspace suspended" };

/**
 * proxy.ts sends a suspended tenant's page requests here with status 403; any other host gets a 404.
 * The tenant's signed-in staff see why (the reason the platform admin gave) and what to do; everyone
 * else — customers, visitors — a neutral message: the reason is between the platform and the tenant
 * (billing, abuse reports), and the platform's name never appears to a white-labelled tenant's customers.
 */
export default async function SuspendedPage() {
  const context = await getRequestContext();
  if (context.surface !== "tenant" || context.tenant?.status !== "suspended") notFound();
  const { id, name } = context.tenant;
  const identity = await currentIdentity();
  const isStaff = identity !== null && identity.tenantId === id && isStaffRole(identity.role);
  if (!isStaff) {
    return (
      <StatusPage code={403} title="This site is temporarily unavailable">
        <p>
          <strong className="font-semibold text-slate-900">{name}</strong> is not available right now. Your account and anything you sent
          them are kept safe.
        </p>
        <p>Please try again later, or contact {name} directly if it is urgent.</p>
        <p className="text-sm text-slate-500">If you work at {name}, ask your account owner: the reason has been given to them.</p>
      </StatusPage>
    );
  }
  const suspension = await readTenantSuspension(id);
  return (
    <StatusPage code={403} title="Your workspace is suspended">
      <p>
        The platform has suspended the <strong className="font-semibold text-slate-900">{name}</strong> workspace
        {suspension.suspendedAt ? ` on ${formatDateTime(suspension.suspendedAt, { timezone: "UTC", dateFormat: "d MMM yyyy" })} UTC` : ""}. Your customers see a neutral “temporarily unavailable”
        page; nothing has been deleted.
      </p>
      <div className="rounded-md border border-amber-300 bg-amber-50 p-4 text-left" data-testid="suspension-reason">
        <p className="text-sm font-semibold text-amber-900">Reason given</p>
        <p className="mt-1 text-amber-900">{suspension.reason ?? "No reason was recorded."}</p>
      </div>
      <p className="text-left">
        <strong className="font-semibold text-slate-900">What to do:</strong> contact the platform’s support team (the people who run this
        service for you) about the reason above. Once it is resolved they reactivate the workspace and everything works again at once —
        there is nothing to restore.
      </p>
    </StatusPage>
  );
}
