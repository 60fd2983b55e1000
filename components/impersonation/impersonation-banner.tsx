import { currentIdentity } from "@/lib/auth/page-identity";
import { EndImpersonationNow } from "./end-impersonation-now";

/** On every page of a tenant's host while a platform admin impersonates one of its users: who, how, until when, and a way out. */
export async function ImpersonationBanner({ timezone }: { timezone: string }) {
  const identity = await currentIdentity();
  const impersonation = identity?.impersonation;
  if (!identity || !impersonation) return null;
  const endsAt = new Intl.DateTimeFormat("en-GB", { timeZone: timezone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(new Date(impersonation.expiresAt));
  return (
    <div role="status" data-testid="impersonation-banner" className={`${impersonation.write ? "bg-red-700" : "bg-amber-500"} px-4 py-2 text-sm font-medium text-white`}>
      <div className="mx-auto flex max-w-5xl flex-wrap items-center gap-x-3 gap-y-1">
        <span>
          Admin {impersonation.adminEmail} viewing as {identity.email} — {impersonation.write ? "write access" : "read-only"} — ends at {endsAt}
        </span>
        <EndImpersonationNow />
      </div>
    </div>
  );
}
