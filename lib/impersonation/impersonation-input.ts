import { z } from "zod";

export const MAX_IMPERSONATION_MINUTES = 30;
export const DEFAULT_IMPERSONATION_MINUTES = 15;
/** The hand-off link to the tenant's host is single-use and short-lived, like lib/auth/handoff.ts's. */
export const IMPERSONATION_HANDOFF_TTL_MS = 60_000;

/** `POST /api/admin/tenants/[slug]/impersonations`. */
export const impersonationInputSchema = z
  .object({
    userId: z.uuid("A user id"),
    minutes: z.number().int("Whole minutes").min(1, "At least 1 minute").max(MAX_IMPERSONATION_MINUTES, `At most ${MAX_IMPERSONATION_MINUTES} minutes`).default(DEFAULT_IMPERSONATION_MINUTES),
    write: z.boolean().default(false),
    reason: z.string().trim().min(3, "Say why (at least 3 characters)").max(500, "At most 500 characters"),
  })
  .strict();

export type ImpersonationInput = z.output<typeof impersonationInputSchema>;
