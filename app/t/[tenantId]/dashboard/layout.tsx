import { Building2, Globe, History, Inbox, Palette, Receipt, Users, type LucideIcon } from "lucide-react";
import { headers } from "next/headers";
import { forbidden } from "next/navigation";
import type { ReactNode } from "react";
import { LimitNoticeBanner } from "@/components/dashboard/limit-notice-banner";
import { requireStaff } from "@/lib/auth/page-identity";
import { can, type Permission } from "@/lib/auth/permissions";

const LINKS: Array<{ href: string; label: string; permission: Permission; icon: LucideIcon }> = [
  { href: "/dashboard", label: "Properties", permission: "property:read", icon: Building2 },
  { href: "/dashboard/transactions", label: "Transactions", permission: "transaction:read", icon: Receipt },
  { href: "/dashboard/leads", label: "Leads", permission: "lead:read", icon: Inbox },
  { href: "/dashboard/team", label: "Team", permission: "member:read", icon: Users },
  { href: "/dashboard/activity", label: "Activity", permission: "audit:read", icon: History },
  { href: "/dashboard/settings/branding", label: "Branding", permission: "settings:edit", icon: Palette },
  { href: "/dashboard/settings/domain", label: "Domain", permission: "domain:manage", icon: Globe },
];

/** The section a path belongs to, by its longest matching link: property pages count as Properties. */
function currentSection(path: string): (typeof LINKS)[number] {
  const matches = LINKS.filter((link) => path === link.href || path.startsWith(`${link.href}/`));
  return matches.sort((a, b) => b.href.length - a.href.length)[0] ?? LINKS[0]!;
}

/** Staff navigation: links only to what the signed-in role may open; the section's permission is checked here and again by the page. */
export default async function DashboardLayout({ children, params }: { children: ReactNode; params: Promise<{ tenantId: string }> }) {
  const { context, identity } = await requireStaff((await params).tenantId);
  const current = currentSection((await headers()).get("x-anchor-path") ?? "/dashboard");
  // Refused here, before any page streams its loading state, so the answer is a real 403.
  if (!can(identity.role, current.permission)) forbidden();
  return (
    <>
      <nav aria-label="Workspace" className="border-b border-slate-200 bg-white">
        <ul className="mx-auto flex max-w-5xl flex-wrap gap-1 px-4 py-2 text-sm sm:px-6">
          {LINKS.filter((link) => can(identity.role, link.permission)).map((link) => (
            <li key={link.href}>
              <a
                href={link.href}
                aria-current={link === current ? "page" : undefined}
                className="inline-flex items-center gap-1.5 rounded-md px-3 py-1.5 font-medium text-slate-700 hover:bg-slate-100 aria-[current=page]:bg-slate-100 aria-[current=page]:text-slate-900"
              >
                <link.icon aria-hidden className="size-4" />
                {link.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <LimitNoticeBanner tenantId={context.tenant.id} role={identity.role} />
      {children}
    </>
  );
}
