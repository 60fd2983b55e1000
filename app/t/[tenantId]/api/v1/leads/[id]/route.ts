import { withTenant } from "@/lib/http/with-tenant";
import { getLead } from "@/lib/leads/get-lead";
import { leadUpdateSchema } from "@/lib/leads/lead-schema";
import { updateLead } from "@/lib/leads/update-lead";

export const GET = withTenant(({ context, params }) => getLead(context, params.id ?? ""), { permission: "lead:read" });

export const PATCH = withTenant(({ context, identity, params, body }) => updateLead(context, identity, params.id ?? "", body), { permission: "lead:manage", body: leadUpdateSchema });
