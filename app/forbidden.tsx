import type { Metadata } from "next";
import { headers } from "next/headers";
import { StatusPage } from "@/components/status-page";
import { resolveHost } from "@/lib/tenancy/resolve-host";

export const metadata: Metadata = { title: "Access denied" };

export default async function Forbidden() {
  // Not getRequestContext(): this boundary must render for any host and never throw notFound() itself.
  const resolved = await resolveHost((await headers()).get("host"));
  if (resolved.surface === "tenant" && resolved.tenant.status === "suspended") {
    return (
      <StatusPage code={403} title="This workspace is suspended">
        <p>
          The <strong className="font-semibold text-slate-900">{resolved.tenant.name}</strong> workspace is suspended, so its
          pages are not available right now.
        </p>
        <p>If you work with {resolved.tenant.name}, please contact them directly.</p>
      </StatusPage>
    );
  }
  return (
    <StatusPage code={403} title="Access denied">
      <p>You do not have permission to view this page.</p>
      <p>Ask an owner or admin of this workspace for the access you need, or sign in with another account.</p>
    </StatusPage>
  );
}
