import { readTenantOverview } from "@/lib/admin-console/read-tenant-overview";
import { withPlatformAdmin } from "@/lib/http/with-platform-admin";

export const GET = withPlatformAdmin(({ params }) => readTenantOverview(params.slug ?? ""));
