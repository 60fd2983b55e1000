import type { Metadata } from "next";
import { FindWorkspaceForm } from "@/components/apex/find-workspace-form";
import { AuthCard } from "@/components/auth/auth-card";
import { requireSurface } from "@/lib/tenancy/require-surface";

export const metadata: Metadata = { title: "Find your workspace · Asset Anchor" };

export default async function FindWorkspacePage() {
  await requireSurface("apex");
  return (
    <AuthCard title="Find your workspace" subtitle="Each agency signs in at its own address. Enter your email and we send you the links.">
      <FindWorkspaceForm />
      <p className="mt-6 text-sm text-slate-600">
        A client of an agency? Sign in at the address your agency gave you — it is on their emails and website.
      </p>
    </AuthCard>
  );
}
