import { withTenant } from "@/lib/http/with-tenant";
import { markLeadHandled } from "@/lib/leads/mark-lead-handled";

export const POST = withTenant(({ context, identity, params }) => markLeadHandled(context, identity.userId, params.id ?? ""), { permission: "lead:manage" });
