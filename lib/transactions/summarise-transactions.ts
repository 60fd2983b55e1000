import { forTenant } from "@/lib/db/tenant-client";
import type { TenantRequestContext } from "@/lib/tenancy/context";

/** This calendar month (UTC): how many transactions occurred and their total, for the dashboard. */
export async function summariseTransactionsThisMonth(context: Pick<TenantRequestContext, "tenant">, now = new Date()): Promise<{ count: number; total: string }> {
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  const next = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
  const result = await forTenant(context.tenant).transaction.aggregate({
    where: { occurredAt: { gte: start, lt: next }, status: { not: "cancelled" } },
    _count: { _all: true },
    _sum: { amount: true },
  });
  return { count: result._count._all, total: (result._sum.amount ?? 0).toFixed(2) };
}
