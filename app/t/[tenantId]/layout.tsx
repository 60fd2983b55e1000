import type { Metadata } from "next";
import { requireTenantPage } from "@/lib/tenancy/request-context";

export async function generateMetadata({ params }: LayoutProps<"/t/[tenantId]">): Promise<Metadata> {
  const { tenant } = await requireTenantPage((await params).tenantId);
  return { title: tenant.name };
}

export default async function TenantLayout({ children, params }: LayoutProps<"/t/[tenantId]">) {
  const { tenant } = await requireTenantPage((await params).tenantId);
  return (
    <div className="flex min-h-screen flex-col">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-5xl items-center px-4 py-4 sm:px-6">
          <p className="text-lg font-bold tracking-tight text-slate-900">{tenant.name}</p>
        </div>
      </header>
      <div className="flex-1">{children}</div>
    </div>
  );
}
