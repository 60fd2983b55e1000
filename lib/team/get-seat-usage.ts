import { appPool, inTransaction } from "@/lib/db/pools";
import type { TenantRequestContext } from "@/lib/tenancy/context";
import { readSeatUsage, type SeatUsage } from "./team-guards";

/** How many of the plan's member seats are taken (active members and pending invitations). */
export function getSeatUsage(context: Pick<TenantRequestContext, "tenant">): Promise<SeatUsage> {
  return inTransaction(appPool(), (client) => readSeatUsage(client, context.tenant.id), context.tenant.id);
}
