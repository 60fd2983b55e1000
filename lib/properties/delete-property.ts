import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Identity } from "@/lib/auth/identity";
import { forTenant } from "@/lib/db/tenant-client";
import type { TenantRequestContext } from "@/lib/tenancy/context";
import { assertPropertyId, propertyNotFound } from "./get-property";

export async function deleteProperty(context: Pick<TenantRequestContext, "tenant">, actor: Pick<Identity, "userId"> | null, id: string): Promise<void> {
  assertPropertyId(id);
  const deleted = await forTenant(context.tenant).$transaction(async (tx) => {
    const row = await tx.property.findUnique({ where: { id }, select: { name: true } });
    const { count } = await tx.property.deleteMany({ where: { id } });
    return count === 0 ? null : row;
  });
  if (!deleted) throw propertyNotFound();
  await recordAuditEvent({ tenantId: context.tenant.id, actorUserId: actor?.userId ?? null, action: "property.deleted", target: id, metadata: { name: deleted.name } });
}
