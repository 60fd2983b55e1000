import type pg from "pg";
import { AppError } from "@/lib/errors/app-error";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function memberNotFound(): AppError {
  return new AppError({ code: "not_found", message: "Member not found" });
}

/** Locks the tenant's staff rows for the change, so two admins cannot remove the last two owners at once; returns the member. */
export async function lockMember(client: pg.ClientBase, tenantId: string, userId: string): Promise<{ id: string; email: string; role: string; status: string }> {
  if (!UUID.test(userId)) throw memberNotFound();
  await client.query("SELECT id FROM public.users WHERE tenant_id = $1 AND role = 'owner' FOR UPDATE", [tenantId]);
  const { rows } = await client.query<{ id: string; email: string; role: string; status: string }>(
    "SELECT id, email, role, status FROM public.users WHERE id = $1 AND tenant_id = $2 AND role <> 'customer' FOR UPDATE",
    [userId, tenantId],
  );
  if (!rows[0]) throw memberNotFound();
  return rows[0];
}

export async function assertAnotherActiveOwner(client: pg.ClientBase, tenantId: string, exceptUserId: string): Promise<void> {
  const { rows } = await client.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM public.users WHERE tenant_id = $1 AND role = 'owner' AND status = 'active' AND id <> $2",
    [tenantId, exceptUserId],
  );
  if ((rows[0]?.n ?? 0) === 0) throw new AppError({ code: "conflict", message: "A workspace needs at least one active owner: make someone else owner first" });
}
