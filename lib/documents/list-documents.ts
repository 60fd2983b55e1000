import type { Prisma } from "@/lib/db/generated/tenant/client";
import { forTenant } from "@/lib/db/tenant-client";
import { AppError } from "@/lib/errors/app-error";
import { olderThan, toPage } from "@/lib/pagination/keyset-cursor";
import type { TenantRequestContext } from "@/lib/tenancy/context";
import { documentListQuerySchema, type DocumentListQuery, type DocumentPage, type DocumentView } from "./document-schema";
import { toDocumentView } from "./document-view";

/** Newest first on (created_at, id), keyset-paginated, optionally one property's documents. */
export async function findDocumentsPage(context: Pick<TenantRequestContext, "tenant">, rawQuery: DocumentListQuery = {}): Promise<DocumentPage> {
  const parsed = documentListQuerySchema.safeParse(rawQuery);
  if (!parsed.success) throw AppError.fromZod(parsed.error, "Invalid query");
  const query = parsed.data;
  const and: Prisma.DocumentWhereInput[] = [];
  if (query.propertyId) and.push({ propertyId: query.propertyId });
  if (query.cursor) and.push(olderThan(query.cursor));
  const rows = await forTenant(context.tenant).document.findMany({ where: { AND: and }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: query.limit + 1 });
  return toPage(rows, query.limit, toDocumentView);
}

/** The newest 100 documents (of one property, when given), for pages that show a plain list. */
export async function listDocuments(context: Pick<TenantRequestContext, "tenant">, filter: { propertyId?: string } = {}): Promise<DocumentView[]> {
  return (await findDocumentsPage(context, { propertyId: filter.propertyId, limit: 100 })).data;
}
