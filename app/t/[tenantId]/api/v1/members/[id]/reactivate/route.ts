import { withTenant } from "@/lib/http/with-tenant";
import { reactivateMember } from "@/lib/team/reactivate-member";

export const POST = withTenant(({ context, identity, params }) => reactivateMember(context, identity, params.id ?? ""), { permission: "member:manage" });
