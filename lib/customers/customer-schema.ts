import { z } from "zod";
import { emailSchema, passwordSchema } from "@/lib/tenants/tenant-input";

/** One schema for a portal visitor creating a customer account, shared by the form and the API. */
export const customerSignUpSchema = z.object({
  name: z.string().trim().min(1, "Tell us your name").max(120),
  email: emailSchema,
  password: passwordSchema,
});
export type CustomerSignUpInput = z.input<typeof customerSignUpSchema>;

export interface CustomerView {
  id: string;
  email: string;
  name: string | null;
  role: "customer";
  createdAt: string;
}
