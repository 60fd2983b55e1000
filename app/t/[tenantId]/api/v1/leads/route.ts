import { withTenant } from "@/lib/http/with-tenant";
import { leadListQuerySchema } from "@/lib/leads/lead-schema";
import { findLeadsPage } from "@/lib/leads/list-leads";

export const GET = withTenant(async ({ context, query }) => findLeadsPage(context, query), { permission: "lead:read", query: leadListQuerySchema });
