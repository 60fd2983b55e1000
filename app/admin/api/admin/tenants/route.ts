import { listConsoleTenants, tenantListQuerySchema } from "@/lib/admin-console/list-tenants";
import { withPlatformAdmin } from "@/lib/http/with-platform-admin";

export const GET = withPlatformAdmin(({ query }) => listConsoleTenants(query), { query: tenantListQuerySchema });
