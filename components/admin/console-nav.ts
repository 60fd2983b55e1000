/** One entry of the admin console's navigation. `built: false` sections are listed here but not linked until their page exists. */
export interface ConsoleNavItem {
  label: string;
  href: `/${string}`;
  built: boolean;
}

export const CONSOLE_NAV: readonly ConsoleNavItem[] = [
  { label: "Overview", href: "/", built: true },
  { label: "Tenants", href: "/tenants", built: true },
  { label: "Analytics", href: "/analytics", built: true },
  { label: "Health", href: "/health", built: true },
  { label: "Key metrics", href: "/metrics", built: true },
  { label: "Security", href: "/security", built: true },
  { label: "Backups", href: "/backups", built: true },
  { label: "Plans", href: "/plans", built: true },
  { label: "Admins", href: "/admins", built: true },
  { label: "Audit", href: "/audit", built: true },
];

/** The nav item a path belongs to: the longest href that is the path or a parent of it. */
export function activeNavHref(pathname: string, items: readonly ConsoleNavItem[] = CONSOLE_NAV): string | null {
  const matches = items.filter((item) => (item.href === "/" ? pathname === "/" : pathname === item.href || pathname.startsWith(`${item.href}/`)));
  return matches.sort((a, b) => b.href.length - a.href.length)[0]?.href ?? null;
}
