import type { Metadata } from "next";
import { ConsolePage } from "@/components/admin/console-page";
import { PlatformAuditList } from "@/components/admin/platform-audit-list";
import { listPlatformAudit, platformAuditQuerySchema } from "@/lib/admin-console/list-platform-audit";
import { requirePlatformAdmin } from "@/lib/auth/page-identity";
import { readUrlFilters } from "@/lib/http/read-url-filters";
import { requireSurface } from "@/lib/tenancy/require-surface";

export const metadata: Metadata = { title: "Security events · Admin console", robots: { index: false } };
export const dynamic = "force-dynamic";

export default async function AdminSecurityeventsPage({ searchParams }: PageProps<"/admin/security">) {
  await requireSurface("admin");
  await requirePlatformAdmin();
  const { query, ignored } = readUrlFilters(platformAuditQuerySchema, ["tenant", "action", "from", "to", "cursor"], await searchParams, { view: "security" });
  const page = await listPlatformAudit(query);
  return (
    <ConsolePage title="Security events" intro="Cross-tenant attempts, refused permissions and hand-offs, refused admin-API calls and sign-in lockouts, across all tenants.">
      <PlatformAuditList basePath="/security" query={query} page={page} ignored={ignored.map((filter) => filter.field)} />
    </ConsolePage>
  );
}
