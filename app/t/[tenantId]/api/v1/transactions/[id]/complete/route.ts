import { withTenant } from "@/lib/http/with-tenant";
import { transitionTransaction } from "@/lib/transactions/transition-transaction";

export const POST = withTenant(({ context, identity, params }) => transitionTransaction(context, identity, params.id ?? "", "completed"), { permission: "transaction:edit" });
