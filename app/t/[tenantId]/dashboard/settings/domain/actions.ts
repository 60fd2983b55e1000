"use server";

import { z } from "zod";
import { addCustomDomain } from "@/lib/domains/add-custom-domain";
import { removeCustomDomain } from "@/lib/domains/remove-custom-domain";
import { verifyCustomDomain } from "@/lib/domains/verify-custom-domain";
import { tenantAction } from "@/lib/http/tenant-action";

export const addDomainAction = tenantAction({ permission: "domain:manage", input: z.object({ domain: z.string().min(1, "Enter a domain") }) }, ({ context, identity, input }) =>
  addCustomDomain(context.tenant.id, input.domain, identity.userId),
);

export const verifyDomainAction = tenantAction({ permission: "domain:manage", input: z.object({}) }, ({ context, identity }) => verifyCustomDomain(context.tenant.id, identity.userId));

export const removeDomainAction = tenantAction({ permission: "domain:manage", input: z.object({}) }, ({ context, identity }) => removeCustomDomain(context.tenant.id, identity.userId));
