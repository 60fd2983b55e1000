import { withTenant } from "@/lib/http/with-tenant";
import { deactivateMember } from "@/lib/team/deactivate-member";

export const POST = withTenant(({ context, identity, params }) => deactivateMember(context, identity, params.id ?? ""), { permission: "member:manage" });
