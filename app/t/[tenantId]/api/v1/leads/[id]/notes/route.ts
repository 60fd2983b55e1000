import { withTenant } from "@/lib/http/with-tenant";
import { addLeadNote } from "@/lib/leads/add-lead-note";
import { leadNoteInputSchema } from "@/lib/leads/lead-schema";

export const POST = withTenant(async ({ context, identity, params, body }) => Response.json(await addLeadNote(context, identity, params.id ?? "", body), { status: 201 }), {
  permission: "lead:manage",
  body: leadNoteInputSchema,
});
