"use server";

import { z } from "zod";
import { tenantAction } from "@/lib/http/tenant-action";
import { addLeadNote } from "@/lib/leads/add-lead-note";
import { leadNoteInputSchema, leadUpdateSchema } from "@/lib/leads/lead-schema";
import { markLeadHandled } from "@/lib/leads/mark-lead-handled";
import { updateLead } from "@/lib/leads/update-lead";

export const markLeadHandledAction = tenantAction({ permission: "lead:manage", input: z.object({ id: z.string() }) }, ({ context, identity, input }) =>
  markLeadHandled(context, identity.userId, input.id),
);

export const updateLeadAction = tenantAction({ permission: "lead:manage", input: z.object({ id: z.string(), changes: leadUpdateSchema }) }, ({ context, identity, input }) =>
  updateLead(context, identity, input.id, input.changes),
);

export const addLeadNoteAction = tenantAction({ permission: "lead:manage", input: leadNoteInputSchema.extend({ id: z.string() }) }, ({ context, identity, input: { id, ...note } }) =>
  addLeadNote(context, identity, id, note),
);
