"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { activeNavHref, CONSOLE_NAV } from "./console-nav";

export function ConsoleNavLinks() {
  const active = activeNavHref(usePathname());
  return (
    <nav aria-label="Console" className="mx-auto flex max-w-6xl flex-wrap gap-1 px-6 pb-2 text-sm font-medium">
      {CONSOLE_NAV.filter((item) => item.built).map((item) => (
        <Link
          key={item.href}
          href={item.href}
          aria-current={item.href === active ? "page" : undefined}
          className={`rounded px-3 py-1.5 ${item.href === active ? "bg-white text-slate-900" : "text-slate-200 hover:bg-slate-800 hover:text-white"}`}
        >
          {item.label}
        </Link>
      ))}
    </nav>
  );
}
