import { forTenant } from "@/lib/db/tenant-client";
import { AppError } from "@/lib/errors/app-error";
import type { TenantRequestContext } from "@/lib/tenancy/context";
import type { PropertyView } from "./property-schema";
import { toPropertyView } from "./to-property-view";
import { isUuid } from "@/lib/db/uuid";

/** Another tenant's id is simply not in this tenant's schema: 404, like any unknown id. */
export function propertyNotFound(): AppError {
  return new AppError({ code: "not_found", message: "Property not found" });
}

export function assertPropertyId(id: string): void {
  if (!isUuid(id)) throw propertyNotFound();
}

export async function getProperty(context: Pick<TenantRequestContext, "tenant">, id: string): Promise<PropertyView> {
  assertPropertyId(id);
  const row = await forTenant(context.tenant).property.findUnique({ where: { id } });
  if (!row) throw propertyNotFound();
  return toPropertyView(row);
}
