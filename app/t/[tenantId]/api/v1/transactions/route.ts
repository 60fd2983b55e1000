import { withTenant } from "@/lib/http/with-tenant";
import { createTransaction } from "@/lib/transactions/create-transaction";
import { listTransactions } from "@/lib/transactions/list-transactions";
import { transactionInputSchema, transactionListQuerySchema } from "@/lib/transactions/transaction-schema";

export const GET = withTenant(({ context, query }) => listTransactions(context, query), { permission: "transaction:read", query: transactionListQuerySchema });

export const POST = withTenant(async ({ context, identity, body }) => Response.json(await createTransaction(context, identity, body), { status: 201 }), {
  permission: "transaction:create",
  body: transactionInputSchema,
});
