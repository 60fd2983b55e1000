import { readPlanCatalog } from "@/lib/admin-console/read-plan-catalog";
import { withPlatformAdmin } from "@/lib/http/with-platform-admin";

export const GET = withPlatformAdmin(() => readPlanCatalog());
