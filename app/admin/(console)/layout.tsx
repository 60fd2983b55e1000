import type { ReactNode } from "react";
import { ConsoleNavLinks } from "@/components/admin/console-nav-links";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { requirePlatformAdmin } from "@/lib/auth/page-identity";
import { requireSurface } from "@/lib/tenancy/require-surface";

/** The admin console's shell: header with the signed-in admin, navigation, and the page. Each page checks access itself too. */
export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  await requireSurface("admin");
  const admin = await requirePlatformAdmin();
  return (
    <div className="min-h-screen">
      <header className="border-b border-slate-800 bg-slate-900 text-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-3 px-6 py-4">
          <div>
            <span className="text-lg font-bold tracking-tight">Asset Anchor</span>
            <span className="ml-2 text-sm text-slate-300">Platform administration</span>
          </div>
          <div className="flex items-center gap-3 text-sm">
            <span className="text-slate-300">{admin.email}</span>
            <SignOutButton />
          </div>
        </div>
        <ConsoleNavLinks />
      </header>
      {children}
    </div>
  );
}
