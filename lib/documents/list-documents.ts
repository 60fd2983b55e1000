import { forTenant } from "@/lib/db/tenant-client";
import type { TenantRequestContext } from "@/lib/tenancy/context";
import type { DocumentView } from "./document-schema";
import { toDocumentView } from "./document-view";

export async function listDocuments(context: Pick<TenantRequestContext, "tenant">, filter: { propertyId?: string } = {}): Promise<DocumentView[]> {
  const rows = await forTenant(context.tenant).document.findMany({
    where: filter.propertyId ? { propertyId: filter.propertyId } : {},
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 200,
  });
  return rows.map(toDocumentView);
}
