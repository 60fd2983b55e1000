import type { Prisma } from "@/lib/db/generated/tenant/client";
import { forTenant } from "@/lib/db/tenant-client";
import { AppError } from "@/lib/errors/app-error";
import type { TenantRequestContext } from "@/lib/tenancy/context";
import { transactionListQuerySchema, type TransactionListQuery, type TransactionView } from "./transaction-schema";
import { toTransactionView } from "./transaction-view";

function encodeCursor(view: TransactionView): string {
  return Buffer.from(`${view.occurredAt}|${view.id}`).toString("base64url");
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function decodeCursor(cursor: string): { occurredAt: Date; id: string } {
  const [occurredAt, id] = Buffer.from(cursor, "base64url").toString().split("|");
  const date = new Date(occurredAt ?? "");
  if (!id || !UUID.test(id) || Number.isNaN(date.getTime())) {
    throw new AppError({ code: "validation_failed", message: "Invalid cursor", fieldErrors: { cursor: ["Invalid cursor"] } });
  }
  return { occurredAt: date, id };
}

/** Newest first on (occurred_at, id), keyset-paginated (stable while rows are added), with filters; `from`/`to` are inclusive. */
export async function listTransactions(context: Pick<TenantRequestContext, "tenant">, rawQuery: TransactionListQuery = {}): Promise<{ data: TransactionView[]; nextCursor: string | null }> {
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
    const cursor = decodeCursor(query.cursor);
    and.push({ OR: [{ occurredAt: { lt: cursor.occurredAt } }, { occurredAt: cursor.occurredAt, id: { lt: cursor.id } }] });
  }
  const rows = await forTenant(context.tenant).transaction.findMany({ where: { AND: and }, orderBy: [{ occurredAt: "desc" }, { id: "desc" }], take: query.limit + 1 });
  const data = rows.slice(0, query.limit).map(toTransactionView);
  const last = data.at(-1);
  return { data, nextCursor: rows.length > query.limit && last ? encodeCursor(last) : null };
}
