import { z } from "zod";

export const MAINTENANCE_MESSAGE_MAX = 500;

/** `PUT /api/admin/tenants/[slug]/maintenance` and `anchor tenants maintenance <slug> on`: what the maintenance page announces. */
export const maintenanceInputSchema = z
  .object({
    message: z.string().trim().max(MAINTENANCE_MESSAGE_MAX, `At most ${MAINTENANCE_MESSAGE_MAX} characters`).optional(),
    until: z.iso.datetime({ offset: true, message: "An ISO 8601 time, e.g. 2026-12-02T16:00:00Z" }).optional(),
  })
  .strict()
  .refine((input) => input.until === undefined || Date.parse(input.until) > Date.now(), { path: ["until"], message: "Must be in the future" });

export type MaintenanceInput = z.output<typeof maintenanceInputSchema>;
