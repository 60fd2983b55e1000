import { customerSignUpSchema } from "@/lib/customers/customer-schema";
import { signUpCustomer } from "@/lib/customers/sign-up-customer";
import { portalRoute } from "@/lib/portal/portal-route";

/** Public sign-up of a customer account on this tenant's portal (201). */
export const POST = portalRoute(
  async ({ context, facts, body }) =>
    Response.json(await signUpCustomer(context, body, { ip: facts.ip, userAgent: facts.userAgent }), { status: 201, headers: { "cache-control": "no-store" } }),
  { body: customerSignUpSchema },
);
