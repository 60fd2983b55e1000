import { withTenant } from "@/lib/http/with-tenant";
import { getTransaction } from "@/lib/transactions/get-transaction";

export const GET = withTenant(({ context, params }) => getTransaction(context, params.id ?? ""), { permission: "transaction:read" });
