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
      // The same neutral words as the suspended page (app/suspended): visitors never learn why.
      <StatusPage code={403} title="This site is temporarily unavailable">
        <p>
          <strong className="font-semibold text-slate-900">{resolved.tenant.name}</strong> is not available right now.
        </p>
        <p>Please try again later, or contact {resolved.tenant.name} directly if it is urgent.</p>
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
