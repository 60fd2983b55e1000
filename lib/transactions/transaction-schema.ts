import { z } from "zod";

export const TRANSACTION_KINDS = ["sale", "rent", "deposit", "fee", "refund"] as const;
export const TRANSACTION_STATUSES = ["pending", "completed", "cancelled"] as const;
export type TransactionStatus = (typeof TRANSACTION_STATUSES)[number];

const uuid = z.uuid("Choose a property");

/** One schema for recording a transaction, shared by the form and the API. */
export const transactionInputSchema = z.object({
  propertyId: uuid,
  kind: z.enum(TRANSACTION_KINDS),
  amount: z.coerce
    .number()
    .positive("Amount must be more than 0")
    .max(999_999_999_999)
    .refine((value) => Math.round(value * 100) === value * 100, "At most 2 decimals"),
  occurredAt: z.coerce.date().optional(),
  note: z.string().trim().max(2000).nullable().optional(),
});
export type TransactionInput = z.input<typeof transactionInputSchema>;

export const transactionListQuerySchema = z.object({
  limit: z.preprocess((value) => (value === "" ? undefined : value), z.coerce.number().int().min(1).max(100).default(25)),
  cursor: z.string().max(200).optional(),
  status: z.enum(TRANSACTION_STATUSES).optional(),
  kind: z.enum(TRANSACTION_KINDS).optional(),
  propertyId: uuid.optional(),
});
export type TransactionListQuery = z.input<typeof transactionListQuerySchema>;

export interface TransactionView {
  id: string;
  propertyId: string;
  kind: string;
  amount: string;
  status: string;
  occurredAt: string;
  completedAt: string | null;
  note: string | null;
}
