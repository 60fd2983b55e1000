import type { ReactNode } from "react";
import { TabLinks } from "@/components/admin/tab-links";

/** The tenant's pages in the console: Overview (read-only), Manage and Access (actions). */
export default async function ConsoleTenantLayout({ children, params }: { children: ReactNode; params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const base = `/tenants/${encodeURIComponent(slug)}`;
  return (
    <div className="mx-auto max-w-6xl px-6 pt-6">
      <a href="/tenants" className="text-sm text-slate-600 underline">
        ← All tenants
      </a>
      <TabLinks
        label="Tenant"
        tabs={[
          { href: base, label: "Overview" },
          { href: `${base}/manage`, label: "Manage" },
          { href: `${base}/access`, label: "Access" },
        ]}
      />
      {children}
    </div>
  );
}
