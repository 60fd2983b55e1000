import { customerSignUpSchema } from "@/lib/customers/customer-schema";
import { signUpCustomer } from "@/lib/customers/sign-up-customer";
import { env } from "@/lib/env/env";
import { portalRoute } from "@/lib/portal/portal-route";

/**
 * Public sign-up of a customer account on this tenant's portal: 202 and the same body whether or not
 * the address already has an account; the mail says which (see signUpCustomer).
 */
export const POST = portalRoute(
  async ({ context, facts, body }) =>
    Response.json(await signUpCustomer(context, body, { ip: facts.ip, userAgent: facts.userAgent, baseUrl: `${env().APP_PROTOCOL}://${facts.host}` }), {
      status: 202,
      headers: { "cache-control": "no-store" },
    }),
  { body: customerSignUpSchema },
);
