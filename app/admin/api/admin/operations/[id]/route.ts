import { handleReadOperation } from "@/lib/admin-operations/admin-operation-handlers";
import { withPlatformAdmin } from "@/lib/http/with-platform-admin";

export const GET = withPlatformAdmin(({ params }) => handleReadOperation(params.id!));
