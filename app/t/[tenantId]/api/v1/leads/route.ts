import { withTenant } from "@/lib/http/with-tenant";
import { leadListQuerySchema } from "@/lib/leads/lead-schema";
import { listLeads } from "@/lib/leads/list-leads";

export const GET = withTenant(async ({ context, query }) => ({ data: await listLeads(context, query) }), { permission: "lead:read", query: leadListQuerySchema });
