import type { Metadata } from "next";
import { requireSurface } from "@/lib/tenancy/require-surface";

export const metadata: Metadata = { title: "Admin console · Asset Anchor", robots: { index: false } };

export default async function AdminConsolePage() {
  await requireSurface("admin");
  return (
    <div className="min-h-screen">
      <header className="border-b border-slate-800 bg-slate-900 text-white">
        <div className="mx-auto max-w-5xl px-6 py-4">
          <span className="text-lg font-bold tracking-tight">Asset Anchor</span>
          <span className="ml-2 text-sm text-slate-300">Platform administration</span>
        </div>
      </header>
      <main className="mx-auto max-w-5xl px-6 py-12">
        <h1 className="text-3xl font-bold tracking-tight text-slate-900">Admin console</h1>
        <p className="mt-4 max-w-2xl text-base text-slate-600">
          Sign-in for platform administrators arrives with the auth issue. Until then, tenants are managed with the
          operator CLI:
        </p>
        <pre className="mt-4 overflow-x-auto rounded-md bg-slate-900 p-4 text-sm text-slate-100">
          <code>npm run anchor -- tenants list</code>
        </pre>
      </main>
    </div>
  );
}
