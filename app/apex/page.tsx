import type { Metadata } from "next";
import { env } from "@/lib/env/env";
import { requireSurface } from "@/lib/tenancy/require-surface";

export const metadata: Metadata = { title: "Asset Anchor — property management under your own brand", icons: { icon: "/favicon.ico" } };

const FEATURES = [
  {
    title: "Your brand, your address",
    body: "Each agency gets its own workspace on its own subdomain or custom domain, with its name on every page.",
  },
  {
    title: "Data kept apart",
    body: "Every agency's listings, transactions and documents live in a database schema of their own.",
  },
  {
    title: "Listings at a glance",
    body: "Properties with address, price and status in one list, ready for the team and for clients.",
  },
] as const;

export default async function LandingPage() {
  await requireSurface("apex");
  const signUpEnabled = env().SIGNUP_ENABLED;
  return (
    <div className="flex min-h-screen flex-col">
      <header className="border-b border-slate-200 bg-white">
        <nav aria-label="Main" className="mx-auto flex max-w-5xl items-center gap-4 px-6 py-4">
          <img src="/logo.svg" alt="Asset Anchor" width={160} height={32} className="h-8 w-auto" />
          <a href="/find-workspace" className="ml-auto text-sm font-medium text-slate-700 hover:text-slate-900">
            Sign in
          </a>
          {signUpEnabled ? (
            <a href="/signup" className="rounded-md bg-slate-900 px-3 py-2 text-sm font-semibold text-white hover:bg-slate-700">
              Create a workspace
            </a>
          ) : null}
        </nav>
      </header>

      <main className="flex-1">
        <section aria-labelledby="hero-heading" className="mx-auto max-w-5xl px-6 py-16 sm:py-24">
          <h1 id="hero-heading" className="max-w-3xl text-4xl font-bold tracking-tight text-slate-900 sm:text-5xl">
            Property management for agencies, under your own brand
          </h1>
          <p className="mt-6 max-w-2xl text-lg text-slate-600">
            Asset Anchor runs your listings, clients and paperwork behind your agency&apos;s name and domain. Your clients
            never see ours.
          </p>
          <div className="mt-8 flex flex-wrap gap-3">
            {signUpEnabled ? (
              <a href="/signup" className="rounded-md bg-slate-900 px-4 py-2.5 text-sm font-semibold text-white hover:bg-slate-700">
                Create your workspace
              </a>
            ) : null}
            <a href="/find-workspace" className="rounded-md border border-slate-300 px-4 py-2.5 text-sm font-semibold text-slate-700 hover:bg-slate-50">
              Find my workspace
            </a>
          </div>
          <p className="mt-4 max-w-2xl text-base text-slate-600">
            Already working with an agency on Asset Anchor? Use the address your agency gave you.
          </p>
        </section>

        <section aria-labelledby="features-heading" className="border-t border-slate-200 bg-white">
          <div className="mx-auto max-w-5xl px-6 py-16">
            <h2 id="features-heading" className="text-2xl font-semibold tracking-tight text-slate-900">
              What you get
            </h2>
            <ul className="mt-8 grid gap-6 sm:grid-cols-3">
              {FEATURES.map((feature) => (
                <li key={feature.title} className="rounded-lg border border-slate-200 p-6">
                  <h3 className="text-base font-semibold text-slate-900">{feature.title}</h3>
                  <p className="mt-2 text-sm text-slate-600">{feature.body}</p>
                </li>
              ))}
            </ul>
          </div>
        </section>
      </main>

      <footer className="border-t border-slate-200">
        <p className="mx-auto max-w-5xl px-6 py-6 text-sm text-slate-500">© Asset Anchor</p>
      </footer>
    </div>
  );
}
