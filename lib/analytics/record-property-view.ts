import { forTenant } from "@/lib/db/tenant-client";
import type { TenantRequestContext } from "@/lib/tenancy/context";

/** The UTC day of a moment, as the date column stores it. */
export function viewDay(at: Date): Date {
  return new Date(`${at.toISOString().slice(0, 10)}T00:00:00.000Z`);
}

/** One portal view of a published listing, added to that property's count for the UTC day (one upsert). */
export async function recordPropertyView(context: Pick<TenantRequestContext, "tenant">, propertyId: string, at = new Date()): Promise<void> {
  const day = viewDay(at);
  await forTenant(context.tenant).propertyView.upsert({
    where: { propertyId_day: { propertyId, day } },
    create: { propertyId, day, views: 1 },
    update: { views: { increment: 1 } },
  });
}
