"use server";

import { z } from "zod";
import { tenantAction } from "@/lib/http/tenant-action";
import { markLeadHandled } from "@/lib/leads/mark-lead-handled";

export const markLeadHandledAction = tenantAction({ permission: "lead:manage", input: z.object({ id: z.string() }) }, ({ context, identity, input }) =>
  markLeadHandled(context, identity.userId, input.id),
);
