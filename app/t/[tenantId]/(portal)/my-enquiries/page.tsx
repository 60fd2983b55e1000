import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { currentIdentity } from "@/lib/auth/page-identity";
import { getBranding } from "@/lib/branding/get-branding";
import { formatDateTime } from "@/lib/format/format-date";
import { listMyEnquiries } from "@/lib/leads/list-my-enquiries";
import { inTenantPage } from "@/lib/tenancy/request-context";

export const metadata: Metadata = { title: "My enquiries" };

export default async function MyEnquiriesPage({ params }: PageProps<"/t/[tenantId]/my-enquiries">) {
  const { tenantId } = await params;
  const identity = await currentIdentity();
  if (!identity || identity.tenantId !== tenantId || identity.role !== "customer") redirect("/login?next=%2Fmy-enquiries");
  const { enquiries, branding } = await inTenantPage(tenantId, async (context) => ({
    enquiries: (await listMyEnquiries(context, identity.userId, { limit: 100 })).data,
    branding: await getBranding(context.tenant),
  }));
  return (
    <main className="mx-auto max-w-3xl space-y-6 px-4 py-8 sm:px-6">
      <div className="flex items-center justify-between gap-4">
        <h1 className="text-2xl font-bold tracking-tight text-slate-900">My enquiries</h1>
        <SignOutButton />
      </div>
      <p className="text-sm text-slate-600">Signed in as {identity.email}.</p>
      {enquiries.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white px-6 py-10 text-center text-sm text-slate-600">
          No enquiries yet. <a href="/" className="underline">Browse properties</a> and ask about one.
        </p>
      ) : (
        <ul className="space-y-3" aria-label="My enquiries">
          {enquiries.map((enquiry) => (
            <li key={enquiry.id} data-testid="my-enquiry" className="rounded-lg border border-slate-200 bg-white p-4 text-sm">
              <p className="font-semibold">{enquiry.propertyName ?? "A property no longer listed"}</p>
              <p className="text-slate-500">
                {formatDateTime(enquiry.createdAt, branding)} · {enquiry.status === "new" ? "sent" : "answered"}
              </p>
              <p className="mt-2 whitespace-pre-line">{enquiry.message}</p>
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
