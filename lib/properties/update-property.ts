import { forTenant } from "@/lib/db/tenant-client";
import { AppError } from "@/lib/errors/app-error";
import type { TenantRequestContext } from "@/lib/tenancy/context";
import { assertPropertyId, propertyNotFound } from "./get-property";
import { propertyUpdateSchema, type PropertyUpdate, type PropertyView } from "./property-schema";
import { toPropertyView } from "./to-property-view";

export async function updateProperty(context: Pick<TenantRequestContext, "tenant">, id: string, rawInput: PropertyUpdate): Promise<PropertyView> {
  assertPropertyId(id);
  const parsed = propertyUpdateSchema.safeParse(rawInput);
  if (!parsed.success) throw AppError.fromZod(parsed.error, "Cannot update property");
  const { published, ...fields } = parsed.data;
  const publishing = published === undefined ? {} : { published, publishedAt: published ? new Date() : null };
  const rows = await forTenant(context.tenant).property.updateManyAndReturn({ where: { id }, data: { ...fields, ...publishing } });
  const row = rows[0];
  if (!row) throw propertyNotFound();
  return toPropertyView(row);
}
