import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { WorkspaceSignUpForm } from "@/components/apex/workspace-sign-up-form";
import { AuthCard } from "@/components/auth/auth-card";
import { env } from "@/lib/env/env";
import { requireSurface } from "@/lib/tenancy/require-surface";

export const metadata: Metadata = { title: "Create your workspace · Asset Anchor" };

export default async function SignUpPage() {
  await requireSurface("apex");
  if (!env().SIGNUP_ENABLED) notFound();
  return (
    <AuthCard title="Create your workspace" subtitle="Your agency's own branded workspace, ready in seconds.">
      <WorkspaceSignUpForm rootDomain={env().APP_ROOT_DOMAIN} />
      <p className="mt-6 text-center text-sm text-slate-600">
        Already have one? <a href="/find-workspace" className="underline">Find your workspace</a>
      </p>
    </AuthCard>
  );
}
