/** Roles and what they may do: one table, read by the UI (to hide) and the server (to refuse). */

export const STAFF_ROLES = ["owner", "admin", "manager", "agent", "viewer"] as const;
export const TENANT_ROLES = [...STAFF_ROLES, "customer"] as const;
export const ROLES = [...TENANT_ROLES, "platform_admin"] as const;

export type StaffRole = (typeof STAFF_ROLES)[number];
export type TenantRole = (typeof TENANT_ROLES)[number];
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  "property:read",
  "property:create",
  "property:edit",
  "property:delete",
  "transaction:read",
  "transaction:create",
  "transaction:edit",
  "document:read",
  "document:create",
  "document:delete",
  "lead:read",
  "lead:manage",
  "member:read",
  "member:manage",
  "settings:edit",
  "domain:manage",
  "audit:read",
  /** Plan, limits with usage, API calls and latency (GET /api/v1/usage): owners only. */
  "usage:read",
  "portal:use",
  "platform:manage",
] as const;

export type Permission = (typeof PERMISSIONS)[number];

const READ: Permission[] = ["property:read", "transaction:read", "document:read", "lead:read", "member:read"];
const WORK: Permission[] = [...READ, "property:create", "property:edit", "transaction:create", "transaction:edit", "document:create", "lead:manage"];
const MANAGE: Permission[] = [...WORK, "property:delete", "document:delete"];
const ADMINISTER: Permission[] = [...MANAGE, "member:manage", "settings:edit", "domain:manage", "audit:read"];

export const ROLE_PERMISSIONS: Readonly<Record<Role, ReadonlySet<Permission>>> = {
  owner: new Set([...ADMINISTER, "usage:read"]),
  admin: new Set(ADMINISTER),
  manager: new Set(MANAGE),
  agent: new Set(WORK),
  viewer: new Set(READ),
  customer: new Set<Permission>(["portal:use"]),
  platform_admin: new Set<Permission>(["platform:manage"]),
};

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export function isStaffRole(value: string): value is StaffRole {
  return (STAFF_ROLES as readonly string[]).includes(value);
}

export function can(role: string, permission: Permission): boolean {
  return isRole(role) && ROLE_PERMISSIONS[role].has(permission);
}
