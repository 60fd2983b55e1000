import { z } from "zod";

export const TRANSACTION_KINDS = ["sale", "rent", "deposit", "fee", "refund"] as const;
export const TRANSACTION_STATUSES = ["pending", "completed", "cancelled"] as const;
export type TransactionStatus = (typeof TRANSACTION_STATUSES)[number];

const uuid = z.uuid("Choose a property");

/** Numbers print in their shortest exact form (0.29 → "0.29"), so the decimals are counted on the text, not with float maths. */
const AT_MOST_TWO_DECIMALS = /^\d+(\.\d{1,2})?$/;

const numberFromText = (value: unknown) => (typeof value === "string" && value.trim() !== "" ? Number(value.trim()) : value);
const emptyToUndefined = (value: unknown) => (value === "" || value === null ? undefined : value);

/** An ISO date (`2026-11-05`, midnight UTC) or date-time with a zone (`2026-11-05T12:00:00Z`, `…+01:00`). */
const isoInstant = z.union([z.date(), z.iso.date(), z.iso.datetime({ offset: true })], "Use an ISO date such as 2026-11-05 or 2026-11-05T12:00:00Z").transform((value) => (value instanceof Date ? value : new Date(value)));

/** One schema for recording a transaction, shared by the form and the API. */
export const transactionInputSchema = z.object({
  propertyId: uuid,
  kind: z.enum(TRANSACTION_KINDS),
  amount: z.preprocess(
    numberFromText,
    z
      .number()
      .positive({ error: "Amount must be more than 0", abort: true })
      .max(999_999_999_999.99, { error: "Amount is too large", abort: true })
      .refine((value) => AT_MOST_TWO_DECIMALS.test(String(value)), "At most 2 decimals"),
  ),
  occurredAt: z.preprocess(emptyToUndefined, isoInstant.optional()),
  note: z.preprocess((value) => (typeof value === "string" && value.trim() === "" ? null : value), z.string().trim().max(2000).nullable().optional()),
});
export type TransactionInput = z.input<typeof transactionInputSchema>;

/** A bare date as the upper bound means the end of that UTC day (occurred_at has millisecond precision). */
const inclusiveUpperBound = z.union([z.iso.date().transform((day) => new Date(`${day}T23:59:59.999Z`)), isoInstant]);

export const transactionListQuerySchema = z
  .object({
    limit: z.preprocess((value) => (value === "" ? undefined : value), z.coerce.number().int().min(1).max(100).default(25)),
    cursor: z.string().max(200).optional(),
    status: z.preprocess(emptyToUndefined, z.enum(TRANSACTION_STATUSES).optional()),
    kind: z.preprocess(emptyToUndefined, z.enum(TRANSACTION_KINDS).optional()),
    propertyId: z.preprocess(emptyToUndefined, uuid.optional()),
    from: z.preprocess(emptyToUndefined, isoInstant.optional()),
    to: z.preprocess(emptyToUndefined, inclusiveUpperBound.optional()),
  })
  .refine((query) => !query.from || !query.to || query.from <= query.to, { message: "from cannot be after to", path: ["from"] });
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
