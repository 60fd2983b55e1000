import { z } from "zod";
import { emailSchema } from "@/lib/tenants/tenant-input";
import { pageQueryFields } from "@/lib/pagination/keyset-cursor";

/** One schema for a portal enquiry, shared by the form and the API. `website` is a honeypot: people leave it empty. */
export const enquiryInputSchema = z.object({
  propertyId: z.uuid("Unknown property"),
  name: z.string().trim().min(1, "Tell us your name").max(120),
  email: emailSchema,
  phone: z.string().trim().max(40).nullable().optional(),
  message: z.string().trim().min(1, "Write a message").max(5000),
  website: z.string().max(500).optional(),
});
export type EnquiryInput = z.input<typeof enquiryInputSchema>;

/** new → contacted → handled, or closed (not pursued). Customers see "answered" once it is past new. */
export const LEAD_STATUSES = ["new", "contacted", "handled", "closed"] as const;
export type LeadStatus = (typeof LEAD_STATUSES)[number];
export const LEAD_STATUS_LABELS: Record<LeadStatus, string> = { new: "New", contacted: "Contacted", handled: "Handled", closed: "Closed" };

/** What staff change on a lead: its status and/or its assignee (null unassigns). */
export const leadUpdateSchema = z
  .object({
    status: z.enum(LEAD_STATUSES, { error: `Status must be one of: ${LEAD_STATUSES.join(", ")}` }).optional(),
    assigneeId: z.preprocess((value) => (value === "" ? null : value), z.uuid("Choose a member of the team").nullable().optional()),
  })
  .refine((input) => input.status !== undefined || input.assigneeId !== undefined, "Send a status or an assignee");
export type LeadUpdate = z.input<typeof leadUpdateSchema>;

export const leadNoteInputSchema = z.object({ body: z.string({ error: "Write a note" }).trim().min(1, "Write a note").max(5000, "Notes can be at most 5,000 characters") });
export type LeadNoteInput = z.input<typeof leadNoteInputSchema>;

export interface LeadNoteView {
  id: string;
  body: string;
  authorId: string | null;
  authorName: string | null;
  createdAt: string;
}

export const leadListQuerySchema = z.object({
  ...pageQueryFields,
  status: z.preprocess((value) => (value === "" ? undefined : value), z.enum(LEAD_STATUSES).optional()),
  propertyId: z.preprocess((value) => (value === "" ? undefined : value), z.uuid("Unknown property").optional()),
});
export type LeadListQuery = z.input<typeof leadListQuerySchema>;

export interface LeadView {
  id: string;
  propertyId: string | null;
  name: string;
  email: string;
  phone: string | null;
  message: string;
  status: string;
  assigneeId: string | null;
  createdAt: string;
  handledAt: string | null;
  handledBy: string | null;
}

export const myEnquiriesQuerySchema = z.object(pageQueryFields);
export type MyEnquiriesQuery = z.input<typeof myEnquiriesQuerySchema>;

/** A customer's own enquiry: what they sent and whether staff have handled it, nothing staff-only. */
export interface MyEnquiryView {
  id: string;
  propertyId: string | null;
  propertyName: string | null;
  message: string;
  status: string;
  createdAt: string;
}
