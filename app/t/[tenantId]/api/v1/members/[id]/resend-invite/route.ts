import { env } from "@/lib/env/env";
import { withTenant } from "@/lib/http/with-tenant";
import { resendInvitation } from "@/lib/team/resend-invitation";

export const POST = withTenant(({ context, identity, params }) => resendInvitation(context, identity, params.id ?? "", `${env().APP_PROTOCOL}://${context.host}`), { permission: "member:manage" });
