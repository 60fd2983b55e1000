import { handleKeyMetrics } from "@/lib/health/admin-health-handlers";
import { withPlatformAdmin } from "@/lib/http/with-platform-admin";

export const GET = withPlatformAdmin(() => handleKeyMetrics());
