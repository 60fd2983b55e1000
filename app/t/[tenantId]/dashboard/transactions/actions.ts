"use server";

import { z } from "zod";
import { tenantAction } from "@/lib/http/tenant-action";
import { createTransaction } from "@/lib/transactions/create-transaction";
import { transactionInputSchema } from "@/lib/transactions/transaction-schema";
import { transitionTransaction } from "@/lib/transactions/transition-transaction";

export const recordTransactionAction = tenantAction({ permission: "transaction:create", input: transactionInputSchema }, ({ context, identity, input }) => createTransaction(context, identity, input));

export const transitionTransactionAction = tenantAction(
  { permission: "transaction:edit", input: z.object({ id: z.string(), to: z.enum(["completed", "cancelled"]) }) },
  ({ context, identity, input }) => transitionTransaction(context, identity, input.id, input.to),
);
