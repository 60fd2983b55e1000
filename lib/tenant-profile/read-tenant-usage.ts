import type pg from "pg";
import { ownerPool } from "@/lib/db/pools";
import { quoteIdent, tenantSchemaName } from "@/lib/db/schema-name";
import type { PlanLimit } from "@/lib/plans/plans";

/** What a tenant uses of the limits that count stored things (the others are rates or settings). */
export type CountedLimit = Extract<PlanLimit, "members" | "properties" | "storageBytes">;
export type TenantUsage = Record<CountedLimit, number>;
export const COUNTED_LIMITS: CountedLimit[] = ["members", "properties", "storageBytes"];

/** Members count as seats do (lib/team): active or invited staff. Storage is the bytes of its documents. */
export async function readTenantUsage(tenantId: string, db: Pick<pg.ClientBase, "query"> = ownerPool()): Promise<TenantUsage> {
  const schema = quoteIdent(tenantSchemaName(tenantId));
  const { rows } = await db.query<{ members: number; properties: number; storage_bytes: string }>(
    `SELECT (SELECT count(*)::int FROM public.users u
              WHERE u.tenant_id = $1 AND u.status IN ('active', 'invited') AND u.role NOT IN ('customer', 'platform_admin')) AS members,
            (SELECT count(*)::int FROM ${schema}.properties) AS properties,
            (SELECT coalesce(sum(size), 0)::text FROM ${schema}.documents) AS storage_bytes`,
    [tenantId],
  );
  const row = rows[0]!;
  return { members: row.members, properties: row.properties, storageBytes: Number(row.storage_bytes) };
}
