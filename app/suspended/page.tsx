import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { StatusPage } from "@/components/status-page";
import { getRequestContext } from "@/lib/tenancy/request-context";

export const metadata: Metadata = { title: "Workspace suspended" };

/** proxy.ts sends a suspended tenant's page requests here with status 403; any other host gets a 404. */
export default async function SuspendedPage() {
  const context = await getRequestContext();
  if (context.surface !== "tenant" || context.tenant?.status !== "suspended") notFound();
  const { name } = context.tenant;
  return (
    <StatusPage code={403} title="This workspace is suspended">
      <p>
        The <strong className="font-semibold text-slate-900">{name}</strong> workspace is suspended, so its pages are not
        available right now.
      </p>
      <p>If you work with {name}, please contact them directly.</p>
    </StatusPage>
  );
}
