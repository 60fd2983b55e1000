import { withTenant } from "@/lib/http/with-tenant";
import { transitionTransaction } from "@/lib/transactions/transition-transaction";

export const POST = withTenant(({ context, params }) => transitionTransaction(context, params.id ?? "", "cancelled"), { permission: "transaction:edit" });
