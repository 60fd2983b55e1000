import type { Prisma } from "@/lib/db/generated/tenant/client";
import { forTenant } from "@/lib/db/tenant-client";
import { AppError } from "@/lib/errors/app-error";
import type { TenantRequestContext } from "@/lib/tenancy/context";
import { documentListQuerySchema, type DocumentListQuery, type DocumentPage, type DocumentView } from "./document-schema";
import { toDocumentView } from "./document-view";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function encodeCursor(view: DocumentView): string {
  return Buffer.from(`${view.createdAt}|${view.id}`).toString("base64url");
}

function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  const [createdAt, id] = Buffer.from(cursor, "base64url").toString().split("|");
  const date = new Date(createdAt ?? "");
  if (!id || !UUID.test(id) || Number.isNaN(date.getTime())) {
    throw new AppError({ code: "validation_failed", message: "Invalid cursor", fieldErrors: { cursor: ["Invalid cursor"] } });
  }
  return { createdAt: date, id };
}

/** Newest first on (created_at, id), keyset-paginated, optionally one property's documents. */
export async function findDocumentsPage(context: Pick<TenantRequestContext, "tenant">, rawQuery: DocumentListQuery = {}): Promise<DocumentPage> {
  const parsed = documentListQuerySchema.safeParse(rawQuery);
  if (!parsed.success) throw AppError.fromZod(parsed.error, "Invalid query");
  const query = parsed.data;
  const and: Prisma.DocumentWhereInput[] = [];
  if (query.propertyId) and.push({ propertyId: query.propertyId });
  if (query.cursor) {
    const cursor = decodeCursor(query.cursor);
    and.push({ OR: [{ createdAt: { lt: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { lt: cursor.id } }] });
  }
  const rows = await forTenant(context.tenant).document.findMany({ where: { AND: and }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: query.limit + 1 });
  const data = rows.slice(0, query.limit).map(toDocumentView);
  const last = data.at(-1);
  return { data, nextCursor: rows.length > query.limit && last ? encodeCursor(last) : null };
}

/** The newest 100 documents (of one property, when given), for pages that show a plain list. */
export async function listDocuments(context: Pick<TenantRequestContext, "tenant">, filter: { propertyId?: string } = {}): Promise<DocumentView[]> {
  return (await findDocumentsPage(context, { propertyId: filter.propertyId, limit: 100 })).data;
}
