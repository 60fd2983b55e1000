import { auditListQuerySchema, findAuditEventsPage } from "@/lib/audit/list-audit-events";
import { withTenant } from "@/lib/http/with-tenant";

export const GET = withTenant(({ context, query }) => findAuditEventsPage(context, query), { permission: "audit:read", query: auditListQuerySchema });
