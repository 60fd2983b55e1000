import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Identity } from "@/lib/auth/identity";
import { forTenant } from "@/lib/db/tenant-client";
import { AppError } from "@/lib/errors/app-error";
import type { TenantRequestContext } from "@/lib/tenancy/context";
import { assertWithinPlanLimit } from "@/lib/tenant-profile/plan-limit";
import { tenantProfile } from "@/lib/tenant-profile/tenant-profile";
import { checkLimitNotices } from "@/lib/usage/check-limit-notices";
import { propertyInputSchema, type PropertyInput, type PropertyView } from "./property-schema";
import { toPropertyView } from "./to-property-view";

export async function createProperty(context: Pick<TenantRequestContext, "tenant">, actor: Pick<Identity, "userId"> | null, rawInput: PropertyInput): Promise<PropertyView> {
  const parsed = propertyInputSchema.safeParse(rawInput);
  if (!parsed.success) throw AppError.fromZod(parsed.error, "Cannot create property");
  const { bedrooms, bathrooms, area, description, published, ...rest } = parsed.data;
  const profile = await tenantProfile(context.tenant.id);
  // Counted and created under one lock per tenant, so racing creates cannot both take the last place.
  const row = await forTenant(context.tenant).$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`properties:${context.tenant.id}`}))`;
    assertWithinPlanLimit(profile, "properties", await tx.property.count(), 1);
    return tx.property.create({
      data: {
        ...rest,
        bedrooms: bedrooms ?? null,
        bathrooms: bathrooms ?? null,
        area: area ?? null,
        description: description ?? null,
        published: published ?? false,
        publishedAt: published ? new Date() : null,
      },
    });
  });
  await recordAuditEvent({ tenantId: context.tenant.id, actorUserId: actor?.userId ?? null, action: "property.created", target: row.id, metadata: { name: row.name, price: row.price.toFixed(2) } });
  await checkLimitNotices(context.tenant.id, ["properties"]);
  return toPropertyView(row);
}
