import { recordAuditEvent, type AuditEvent } from "@/lib/audit/record-audit-event";
import type { Identity } from "@/lib/auth/identity";
import { forTenant } from "@/lib/db/tenant-client";
import { AppError } from "@/lib/errors/app-error";
import type { TenantRequestContext } from "@/lib/tenancy/context";
import { assertPropertyId, propertyNotFound } from "./get-property";
import { propertyUpdateSchema, type PropertyUpdate, type PropertyView } from "./property-schema";
import { toPropertyView } from "./to-property-view";

export async function updateProperty(context: Pick<TenantRequestContext, "tenant">, actor: Pick<Identity, "userId"> | null, id: string, rawInput: PropertyUpdate): Promise<PropertyView> {
  assertPropertyId(id);
  const parsed = propertyUpdateSchema.safeParse(rawInput);
  if (!parsed.success) throw AppError.fromZod(parsed.error, "Cannot update property");
  const { published, ...fields } = parsed.data;
  const publishing = published === undefined ? {} : { published, publishedAt: published ? new Date() : null };
  const { before, after } = await forTenant(context.tenant).$transaction(async (tx) => {
    const previous = await tx.property.findUnique({ where: { id } });
    if (!previous) throw propertyNotFound();
    const updated = await tx.property.update({ where: { id }, data: { ...fields, ...publishing } });
    return { before: toPropertyView(previous), after: toPropertyView(updated) };
  });
  for (const event of propertyChangeEvents(before, after)) {
    await recordAuditEvent({ tenantId: context.tenant.id, actorUserId: actor?.userId ?? null, target: id, ...event });
  }
  return after;
}

const EDITABLE_FIELDS = ["name", "address", "status", "type", "bedrooms", "bathrooms", "area", "description"] as const;

/** What an edit did, as audit events: a price change and (un)publishing each get their own, other fields one "edited". */
export function propertyChangeEvents(before: PropertyView, after: PropertyView): Array<Pick<AuditEvent, "action" | "metadata">> {
  const events: Array<Pick<AuditEvent, "action" | "metadata">> = [];
  const changed = EDITABLE_FIELDS.filter((field) => before[field] !== after[field]);
  if (changed.length > 0) events.push({ action: "property.updated", metadata: { name: after.name, fields: changed.join(", ") } });
  if (Number(before.price) !== Number(after.price)) events.push({ action: "property.price_changed", metadata: { name: after.name, from: before.price, to: after.price } });
  if (before.published !== after.published) events.push({ action: after.published ? "property.published" : "property.unpublished", metadata: { name: after.name } });
  return events;
}
