import { auditExportQuerySchema, exportAuditEventsCsv } from "@/lib/audit/export-audit-events";
import { withTenant } from "@/lib/http/with-tenant";

export const GET = withTenant(
  async ({ context, query }) =>
    new Response(await exportAuditEventsCsv(context, query), {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="activity-${context.tenant.slug}-${new Date().toISOString().slice(0, 10)}.csv"`,
        "Cache-Control": "no-store",
      },
    }),
  { permission: "audit:read", query: auditExportQuerySchema },
);
