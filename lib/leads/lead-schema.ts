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

export const LEAD_STATUSES = ["new", "handled"] as const;

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
