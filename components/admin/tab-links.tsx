"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

/** A row of tabs that are links; the one whose href is the current path is marked current. */
export function TabLinks({ label, tabs }: { label: string; tabs: ReadonlyArray<{ href: string; label: string }> }) {
  const pathname = usePathname();
  return (
    <nav aria-label={label} className="mt-4 flex gap-1 border-b border-slate-200 text-sm font-medium">
      {tabs.map((tab) => {
        const current = tab.href === pathname;
        return (
          <Link
            key={tab.href}
            href={tab.href}
            aria-current={current ? "page" : undefined}
            className={`-mb-px border-b-2 px-3 py-2 ${current ? "border-slate-900 text-slate-900" : "border-transparent text-slate-600 hover:text-slate-900"}`}
          >
            {tab.label}
          </Link>
        );
      })}
    </nav>
  );
}
