import { TriangleAlert } from "lucide-react";
import { can, type Role } from "@/lib/auth/permissions";
import { PLANS, upgradeHint } from "@/lib/plans/plans";
import { tenantProfile } from "@/lib/tenant-profile/tenant-profile";
import { describeNotice, noticeWhat } from "@/lib/usage/check-limit-notices";
import { readCurrentLimitNotices } from "@/lib/usage/read-limit-notices";

/** Owners see this period's approaching-limit notices (the same ones they were mailed) above every dashboard page. */
export async function LimitNoticeBanner({ tenantId, role }: { tenantId: string; role: Role }) {
  if (!can(role, "usage:read")) return null;
  const notices = await readCurrentLimitNotices(tenantId);
  if (notices.length === 0) return null;
  const plan = PLANS[(await tenantProfile(tenantId)).plan.id];
  return (
    <div role="status" data-testid="limit-notice-banner" className="border-b border-amber-200 bg-amber-50">
      <ul className="mx-auto max-w-5xl space-y-1 px-4 py-2 text-sm text-amber-900 sm:px-6">
        {notices.map((notice) => {
          const { usage, max } = describeNotice(notice);
          const reached = notice.threshold >= 100;
          return (
            <li key={notice.limit} className="flex items-start gap-2">
              <TriangleAlert aria-hidden className="mt-0.5 size-4 shrink-0" />
              <span>
                {reached ? `You have reached your ${noticeWhat(notice.limit)} limit` : `You have used ${notice.threshold}% of your ${noticeWhat(notice.limit)} limit`}: {usage} of {max} on the {plan.name} plan. {upgradeHint(plan, notice.limit)}
              </span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
