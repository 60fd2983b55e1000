import { z } from "zod";
import { slugSchema } from "@/lib/tenancy/slug";
import { emailSchema, tenantNameSchema } from "@/lib/tenants/tenant-input";

export const workspaceSignUpSchema = z.object({
  workspaceName: tenantNameSchema,
  slug: z.string().trim().toLowerCase().pipe(slugSchema),
  ownerEmail: emailSchema,
  /** Honeypot: hidden from people, filled in by bots. A filled one gets the usual answer and nothing is created. */
  website: z.string().max(500).optional(),
});
export type WorkspaceSignUpInput = z.output<typeof workspaceSignUpSchema>;

export const slugAvailabilityQuerySchema = z.object({ slug: z.string().trim().toLowerCase().max(100) });

export const findWorkspaceSchema = z.object({ email: emailSchema });
