import { can, isRole } from "@/lib/auth/permissions";
import { sharedDbFor } from "@/lib/db/shared-client";
import { AppError } from "@/lib/errors/app-error";

export interface LeadStaffMember {
  id: string;
  email: string;
  name: string;
}

/**
 * The staff who work leads: this tenant's active users whose role may manage leads (owner, admin,
 * manager, agent). They are who a lead can be assigned to, and who are mailed about a new enquiry.
 */
export async function listLeadStaff(tenantId: string): Promise<LeadStaffMember[]> {
  const users = await sharedDbFor(tenantId).user.findMany({ where: { tenantId, status: "active" }, select: { id: true, email: true, name: true, role: true }, orderBy: { email: "asc" } });
  return users.filter((user) => isRole(user.role) && can(user.role, "lead:manage")).map((user) => ({ id: user.id, email: user.email, name: user.name?.trim() || user.email }));
}

export async function requireLeadAssignee(tenantId: string, userId: string): Promise<LeadStaffMember> {
  const member = (await listLeadStaff(tenantId)).find((candidate) => candidate.id === userId);
  if (!member) {
    throw new AppError({ code: "validation_failed", message: "Leads can only be assigned to an active member who works leads", fieldErrors: { assigneeId: ["Choose an active member who works leads"] } });
  }
  return member;
}

/** Names of this tenant's users by id (name, else email); ids of other tenants' users are left out. */
export async function userNames(tenantId: string, ids: Array<string | null>): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (wanted.length === 0) return new Map();
  const users = await sharedDbFor(tenantId).user.findMany({ where: { tenantId, id: { in: wanted } }, select: { id: true, email: true, name: true } });
  return new Map(users.map((user) => [user.id, user.name?.trim() || user.email]));
}
