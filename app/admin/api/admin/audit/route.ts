import { listPlatformAudit, platformAuditQuerySchema } from "@/lib/admin-console/list-platform-audit";
import { withPlatformAdmin } from "@/lib/http/with-platform-admin";

export const GET = withPlatformAdmin(({ query }) => listPlatformAudit(query), { query: platformAuditQuerySchema });
