import type { Prisma } from "@/lib/db/generated/tenant/client";
import { forTenant } from "@/lib/db/tenant-client";
import { AppError } from "@/lib/errors/app-error";
import { decodeCursor, encodeCursor, type Page } from "@/lib/pagination/keyset-cursor";
import type { TenantRequestContext } from "@/lib/tenancy/context";
import { transactionListQuerySchema, type TransactionListQuery, type TransactionView } from "./transaction-schema";
import { toTransactionView } from "./transaction-view";

/** Newest first on (occurred_at, id), keyset-paginated (stable while rows are added), with filters; `from`/`to` are inclusive. */
export async function listTransactions(context: Pick<TenantRequestContext, "tenant">, rawQuery: TransactionListQuery = {}): Promise<Page<TransactionView>> {
  const parsed = transactionListQuerySchema.safeParse(rawQuery);
  if (!parsed.success) throw AppError.fromZod(parsed.error, "Invalid query");
  const query = parsed.data;
  const and: Prisma.TransactionWhereInput[] = [];
  if (query.status) and.push({ status: query.status });
  if (query.kind) and.push({ kind: query.kind });
  if (query.propertyId) and.push({ propertyId: query.propertyId });
  if (query.from) and.push({ occurredAt: { gte: query.from } });
  if (query.to) and.push({ occurredAt: { lte: query.to } });
  if (query.cursor) {
    const { at, id } = decodeCursor(query.cursor);
    and.push({ OR: [{ occurredAt: { lt: at } }, { occurredAt: at, id: { lt: id } }] });
  }
  const rows = await forTenant(context.tenant).transaction.findMany({ where: { AND: and }, orderBy: [{ occurredAt: "desc" }, { id: "desc" }], take: query.limit + 1 });
  const pageRows = rows.slice(0, query.limit);
  const last = pageRows.at(-1);
  return { data: pageRows.map(toTransactionView), nextCursor: rows.length > query.limit && last ? encodeCursor({ at: last.occurredAt, id: last.id }) : null };
}
