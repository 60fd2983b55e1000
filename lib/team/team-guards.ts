import type pg from "pg";
import { AppError } from "@/lib/errors/app-error";
import { isUuid } from "@/lib/db/uuid";
import { loadTenantProfile } from "@/lib/tenant-profile/tenant-profile";

export interface TeamMemberRow {
  id: string;
  email: string;
  role: string;
  status: string;
}

export function memberNotFound(): AppError {
  return new AppError({ code: "not_found", message: "Member not found" });
}

/**
 * Every team change starts here. Locking the tenant's row makes one team's changes run one after
 * another, so two owners demoting each other at once cannot leave it without one. Returns the
 * acting member as the database has them now: a role taken away a moment ago no longer counts.
 */
export async function lockTeam(client: pg.ClientBase, tenantId: string, actorUserId: string): Promise<TeamMemberRow> {
  await client.query("SELECT id FROM public.tenants WHERE id = $1 FOR NO KEY UPDATE", [tenantId]);
  const { rows } = await client.query<TeamMemberRow>(
    "SELECT id, email, role, status FROM public.users WHERE id = $1 AND tenant_id = $2 AND status = 'active' AND role NOT IN ('customer', 'platform_admin')",
    [actorUserId, tenantId],
  );
  if (!rows[0]) throw new AppError({ code: "forbidden", message: "Your account can no longer manage this team" });
  return rows[0];
}

/** A staff member of this tenant; customers and other tenants' users are not members (404). */
export async function lockMember(client: pg.ClientBase, tenantId: string, userId: string): Promise<TeamMemberRow> {
  if (!isUuid(userId)) throw memberNotFound();
  const { rows } = await client.query<TeamMemberRow>(
    "SELECT id, email, role, status FROM public.users WHERE id = $1 AND tenant_id = $2 AND role <> 'customer' FOR UPDATE",
    [userId, tenantId],
  );
  if (!rows[0]) throw memberNotFound();
  return rows[0];
}

export function requireOwner(actor: TeamMemberRow, message: string): void {
  if (actor.role !== "owner") throw new AppError({ code: "forbidden", message });
}

export async function assertAnotherActiveOwner(client: pg.ClientBase, tenantId: string, exceptUserId: string): Promise<void> {
  const { rows } = await client.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM public.users WHERE tenant_id = $1 AND role = 'owner' AND status = 'active' AND id <> $2",
    [tenantId, exceptUserId],
  );
  if ((rows[0]?.n ?? 0) === 0) throw new AppError({ code: "conflict", message: "A workspace needs at least one active owner: make someone else owner first" });
}

export interface SeatUsage {
  used: number;
  max: number;
  plan: string;
}

/**
 * Seats are taken by staff who are active or invited (an invitation holds its seat until it is accepted
 * or the invitee is deactivated). The limit is the tenant profile's, read in the caller's transaction.
 */
export async function readSeatUsage(db: Pick<pg.ClientBase, "query">, tenantId: string): Promise<SeatUsage> {
  const profile = await loadTenantProfile(tenantId, db);
  const { rows } = await db.query<{ used: number }>(
    `SELECT count(*)::int AS used FROM public.users u
      WHERE u.tenant_id = $1 AND u.status IN ('active', 'invited') AND u.role NOT IN ('customer', 'platform_admin')`,
    [tenantId],
  );
  return { used: rows[0]?.used ?? 0, max: profile.limits.members, plan: profile.plan.name };
}

/**
 * Called after a change that takes or keeps a seat, in its transaction and under lockTeam's lock, so
 * the count cannot move underneath it; throwing rolls the change back.
 */
export async function assertSeatsWithinPlan(client: pg.ClientBase, tenantId: string): Promise<void> {
  const { used, max, plan } = await readSeatUsage(client, tenantId);
  if (used <= max) return;
  throw new AppError({
    code: "conflict",
    message: `Your ${plan} plan includes ${max} members, counting active members and pending invitations, and this would make ${used}. Deactivate a member or upgrade the plan first.`,
  });
}
