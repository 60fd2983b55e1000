import type { Lead } from "@/lib/db/generated/tenant/client";
import type { LeadView } from "./lead-schema";

export function toLeadView(row: Lead): LeadView {
  return {
    id: row.id,
    propertyId: row.propertyId,
    name: row.name,
    email: row.email,
    phone: row.phone,
    message: row.message,
    status: row.status,
    assigneeId: row.assigneeId,
    createdAt: row.createdAt.toISOString(),
    handledAt: row.handledAt?.toISOString() ?? null,
    handledBy: row.handledBy,
  };
}
