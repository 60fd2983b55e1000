import type { ReactNode } from "react";
import { requireStaff } from "@/lib/auth/page-identity";
import { can, type Permission } from "@/lib/auth/permissions";

const LINKS: Array<{ href: string; label: string; permission: Permission }> = [
  { href: "/dashboard", label: "Properties", permission: "property:read" },
  { href: "/dashboard/transactions", label: "Transactions", permission: "transaction:read" },
  { href: "/dashboard/leads", label: "Leads", permission: "lead:read" },
  { href: "/dashboard/team", label: "Team", permission: "member:read" },
  { href: "/dashboard/activity", label: "Activity", permission: "audit:read" },
  { href: "/dashboard/settings/branding", label: "Branding", permission: "settings:edit" },
  { href: "/dashboard/settings/domain", label: "Domain", permission: "domain:manage" },
];

/** Staff navigation: links only to what the signed-in role may open (the pages check again). */
export default async function DashboardLayout({ children, params }: { children: ReactNode; params: Promise<{ tenantId: string }> }) {
  const { identity } = await requireStaff((await params).tenantId);
  return (
    <>
      <nav aria-label="Workspace" className="border-b border-slate-200 bg-white">
        <ul className="mx-auto flex max-w-5xl flex-wrap gap-1 px-4 py-2 text-sm sm:px-6">
          {LINKS.filter((link) => can(identity.role, link.permission)).map((link) => (
            <li key={link.href}>
              <a href={link.href} className="inline-block rounded-md px-3 py-1.5 font-medium text-slate-700 hover:bg-slate-100">
                {link.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {children}
    </>
  );
}
