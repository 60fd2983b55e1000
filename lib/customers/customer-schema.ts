import { z } from "zod";
import { emailSchema } from "@/lib/tenants/tenant-input";

/**
 * One schema for a portal visitor asking for a customer account, shared by the form and the API. No
 * password here: it is chosen through the mailed link, so only the address's owner can finish.
 */
export const customerSignUpSchema = z.object({
  name: z.string().trim().min(1, "Tell us your name").max(120),
  email: emailSchema,
});
export type CustomerSignUpInput = z.input<typeof customerSignUpSchema>;

/** The one answer to every accepted sign-up, whether or not the address already has an account. */
export interface SignUpAccepted {
  accepted: true;
  email: string;
  message: string;
}
