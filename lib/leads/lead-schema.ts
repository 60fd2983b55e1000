import { z } from "zod";
import { emailSchema } from "@/lib/tenants/tenant-input";

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
  status: z.enum(LEAD_STATUSES).optional(),
  limit: z.preprocess((value) => (value === "" ? undefined : value), z.coerce.number().int().min(1).max(100).default(25)),
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
}
