import { withPlatformAdmin } from "@/lib/http/with-platform-admin";
import { impersonationInputSchema } from "@/lib/impersonation/impersonation-input";
import { listActiveImpersonations } from "@/lib/impersonation/list-impersonations";
import { startImpersonation } from "@/lib/impersonation/start-impersonation";

export const GET = withPlatformAdmin(async ({ params }) => ({ impersonations: await listActiveImpersonations(params.slug!) }));

export const POST = withPlatformAdmin(
  async ({ params, body, identity }) => Response.json(await startImpersonation(params.slug!, body, identity), { status: 201, headers: { "cache-control": "no-store" } }),
  { body: impersonationInputSchema, auditAction: "admin.impersonation_started" },
);
