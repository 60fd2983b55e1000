import { z } from "zod";
import { env } from "@/lib/env/env";
import { withTenant } from "@/lib/http/with-tenant";
import { createEnquiry } from "@/lib/leads/create-enquiry";
import { myEnquiriesQuerySchema } from "@/lib/leads/lead-schema";
import { listMyEnquiries } from "@/lib/leads/list-my-enquiries";
import { portalRoute } from "@/lib/portal/portal-route";

/** Public: anyone may enquire (202); a signed-in customer's enquiry is linked to their account. */
export const POST = portalRoute(
  async ({ context, facts, body, identity }) => {
    const customerUserId = identity?.role === "customer" ? identity.userId : null;
    return Response.json(await createEnquiry(context, body, { ip: facts.ip, customerUserId, baseUrl: `${env().APP_PROTOCOL}://${context.host}` }), { status: 202, headers: { "cache-control": "no-store" } });
  },
  { body: z.unknown(), optionalIdentity: true },
);

/** A signed-in customer's own enquiries. */
export const GET = withTenant(async ({ context, identity, query }) => listMyEnquiries(context, identity.userId, query), { permission: "portal:use", query: myEnquiriesQuerySchema });
