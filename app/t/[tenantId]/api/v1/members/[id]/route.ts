import { withTenant } from "@/lib/http/with-tenant";
import { changeMemberRole } from "@/lib/team/change-member-role";
import { changeRoleSchema } from "@/lib/team/member-schema";

export const PATCH = withTenant(({ context, identity, params, body }) => changeMemberRole(context, identity, params.id ?? "", body), { permission: "member:manage", body: changeRoleSchema });
