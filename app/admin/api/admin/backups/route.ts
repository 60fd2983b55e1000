import { listPlatformBackups, platformBackupsQuerySchema } from "@/lib/admin-console/list-platform-backups";
import { withPlatformAdmin } from "@/lib/http/with-platform-admin";

export const GET = withPlatformAdmin(({ query }) => listPlatformBackups(query), { query: platformBackupsQuerySchema });
