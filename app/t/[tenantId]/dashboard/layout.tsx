import { Building2, Globe, History, Inbox, Menu, Palette, Receipt, Users, type LucideIcon } from "lucide-react";
import { headers } from "next/headers";
import { forbidden } from "next/navigation";
import type { ReactNode } from "react";
import { UserMenu } from "@/components/dashboard/user-menu";
import { Toaster } from "@/components/toast/toaster";
import { requireStaff } from "@/lib/auth/page-identity";
import { can, type Permission } from "@/lib/auth/permissions";
import { signOutEverywhereAction } from "./(home)/actions";

interface NavLink {
  href: string;
  label: string;
  permission: Permission;
  icon: LucideIcon;
}

/** The staff navigation, grouped by area; each link shows only to roles that may open it. */
const NAV_GROUPS: Array<{ label: string; links: NavLink[] }> = [
  {
    label: "Listings",
    links: [
      { href: "/dashboard", label: "Properties", permission: "property:read", icon: Building2 },
      { href: "/dashboard/leads", label: "Leads", permission: "lead:read", icon: Inbox },
    ],
  },
  { label: "Money", links: [{ href: "/dashboard/transactions", label: "Transactions", permission: "transaction:read", icon: Receipt }] },
  {
    label: "Workspace",
    links: [
      { href: "/dashboard/team", label: "Team", permission: "member:read", icon: Users },
      { href: "/dashboard/activity", label: "Activity", permission: "audit:read", icon: History },
    ],
  },
  {
    label: "Settings",
    links: [
      { href: "/dashboard/settings/branding", label: "Branding", permission: "settings:edit", icon: Palette },
      { href: "/dashboard/settings/domain", label: "Domain", permission: "domain:manage", icon: Globe },
    ],
  },
];

const LINKS = NAV_GROUPS.flatMap((group) => group.links);

/** The section a path belongs to, by its longest matching link: property pages count as Properties. */
function currentSection(path: string): NavLink {
  const matches = LINKS.filter((link) => path === link.href || path.startsWith(`${link.href}/`));
  return matches.sort((a, b) => b.href.length - a.href.length)[0] ?? LINKS[0]!;
}

function NavGroups({ role, current }: { role: Parameters<typeof can>[0]; current: NavLink }) {
  return (
    <>
      {NAV_GROUPS.map((group) => {
        const links = group.links.filter((link) => can(role, link.permission));
        if (links.length === 0) return null;
        return (
          <div key={group.label} className="mb-4">
            <p className="px-3 text-xs font-semibold tracking-wide text-slate-500 uppercase">{group.label}</p>
            <ul className="mt-1 space-y-0.5 text-sm">
              {links.map((link) => (
                <li key={link.href}>
                  <a
                    href={link.href}
                    aria-current={link === current ? "page" : undefined}
                    className="flex items-center gap-2 rounded-md px-3 py-1.5 font-medium text-slate-700 hover:bg-slate-100 aria-[current=page]:bg-slate-100 aria-[current=page]:text-slate-900"
                  >
                    <link.icon aria-hidden className="size-4" />
                    {link.label}
                  </a>
                </li>
              ))}
            </ul>
          </div>
        );
      })}
    </>
  );
}

/**
 * The staff app shell: a sidebar grouped by area (a disclosure menu on phones), the user menu, toasts.
 * The section's permission is checked here, before any page streams, and again by the page.
 */
export default async function DashboardLayout({ children, params }: { children: ReactNode; params: Promise<{ tenantId: string }> }) {
  const { identity } = await requireStaff((await params).tenantId);
  const current = currentSection((await headers()).get("x-anchor-path") ?? "/dashboard");
  if (!can(identity.role, current.permission)) forbidden();
  return (
    <div className="mx-auto flex max-w-7xl gap-6 px-4 sm:px-6">
      <aside className="hidden w-52 shrink-0 pt-6 md:block">
        <nav aria-label="Workspace">
          <NavGroups role={identity.role} current={current} />
        </nav>
      </aside>
      <div className="min-w-0 flex-1">
        <div className="flex items-center justify-between gap-3 border-b border-slate-200 py-2">
          <details className="group relative md:hidden">
            <summary className="inline-flex cursor-pointer list-none items-center gap-1.5 rounded-md px-2 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-100">
              <Menu aria-hidden className="size-4" /> {current.label}
            </summary>
            <nav aria-label="Workspace" className="absolute left-0 z-40 mt-1 w-60 rounded-md border border-slate-200 bg-white p-2 shadow-lg">
              <NavGroups role={identity.role} current={current} />
            </nav>
          </details>
          <div className="ml-auto min-w-0">
            <UserMenu name={identity.name} email={identity.email} role={identity.role} signOutEverywhere={signOutEverywhereAction} />
          </div>
        </div>
        {children}
      </div>
      <Toaster />
    </div>
  );
}
