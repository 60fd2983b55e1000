import type { Metadata } from "next";
import { ConsolePage } from "@/components/admin/console-page";
import { PlatformAuditList } from "@/components/admin/platform-audit-list";
import { listPlatformAudit, platformAuditQuerySchema } from "@/lib/admin-console/list-platform-audit";
import { requirePlatformAdmin } from "@/lib/auth/page-identity";
import { readUrlFilters } from "@/lib/http/read-url-filters";
import { requireSurface } from "@/lib/tenancy/require-surface";

export const metadata: Metadata = { title: "Audit · Admin console", robots: { index: false } };
export const dynamic = "force-dynamic";

export default async function AdminAuditPage({ searchParams }: PageProps<"/admin/audit">) {
  await requireSurface("admin");
  await requirePlatformAdmin();
  const { query, ignored } = readUrlFilters(platformAuditQuerySchema, ["tenant", "action", "from", "to", "cursor"], await searchParams, { view: "all" });
  const page = await listPlatformAudit(query);
  return (
    <ConsolePage title="Audit" intro="Every event of every tenant and of the platform itself, newest first.">
      <PlatformAuditList basePath="/audit" query={query} page={page} ignored={ignored.map((filter) => filter.field)} />
    </ConsolePage>
  );
}
