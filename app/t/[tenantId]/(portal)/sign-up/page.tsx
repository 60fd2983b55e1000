import type { Metadata } from "next";
import { AuthCard } from "@/components/auth/auth-card";
import { SignUpForm } from "@/components/portal/sign-up-form";
import { requireTenantPage } from "@/lib/tenancy/request-context";
import { signUpAction } from "./actions";

export const metadata: Metadata = { title: "Create an account" };

export default async function SignUpPage({ params }: PageProps<"/t/[tenantId]/sign-up">) {
  const { tenant } = await requireTenantPage((await params).tenantId);
  return (
    <AuthCard title={`Create your ${tenant.name} account`} subtitle="Follow your enquiries in one place.">
      <SignUpForm action={signUpAction} />
      <p className="mt-4 text-center text-sm">
        Already have an account?{" "}
        <a href="/login?next=%2Fmy-enquiries" className="underline">
          Sign in
        </a>
      </p>
    </AuthCard>
  );
}
