import { describe, expect, it } from "vitest";
import { can, PERMISSIONS, ROLES, type Permission, type Role } from "./permissions";

// The whole matrix, written out: a change to what a role may do must change this table too.
const Y = true;
const N = false;
const EXPECTED: Record<Permission, Record<Role, boolean>> = {
  "property:read":      { owner: Y, admin: Y, manager: Y, agent: Y, viewer: Y, customer: N, platform_admin: N },
  "property:create":    { owner: Y, admin: Y, manager: Y, agent: Y, viewer: N, customer: N, platform_admin: N },
  "property:edit":      { owner: Y, admin: Y, manager: Y, agent: Y, viewer: N, customer: N, platform_admin: N },
  "property:delete":    { owner: Y, admin: Y, manager: Y, agent: N, viewer: N, customer: N, platform_admin: N },
  "transaction:read":   { owner: Y, admin: Y, manager: Y, agent: Y, viewer: Y, customer: N, platform_admin: N },
  "transaction:create": { owner: Y, admin: Y, manager: Y, agent: Y, viewer: N, customer: N, platform_admin: N },
  "transaction:edit":   { owner: Y, admin: Y, manager: Y, agent: Y, viewer: N, customer: N, platform_admin: N },
  "document:read":      { owner: Y, admin: Y, manager: Y, agent: Y, viewer: Y, customer: N, platform_admin: N },
  "document:create":    { owner: Y, admin: Y, manager: Y, agent: Y, viewer: N, customer: N, platform_admin: N },
  "document:delete":    { owner: Y, admin: Y, manager: Y, agent: N, viewer: N, customer: N, platform_admin: N },
  "lead:read":          { owner: Y, admin: Y, manager: Y, agent: Y, viewer: Y, customer: N, platform_admin: N },
  "lead:manage":        { owner: Y, admin: Y, manager: Y, agent: Y, viewer: N, customer: N, platform_admin: N },
  "member:read":        { owner: Y, admin: Y, manager: Y, agent: Y, viewer: Y, customer: N, platform_admin: N },
  "member:manage":      { owner: Y, admin: Y, manager: N, agent: N, viewer: N, customer: N, platform_admin: N },
  "settings:edit":      { owner: Y, admin: Y, manager: N, agent: N, viewer: N, customer: N, platform_admin: N },
  "domain:manage":      { owner: Y, admin: Y, manager: N, agent: N, viewer: N, customer: N, platform_admin: N },
  "audit:read":         { owner: Y, admin: Y, manager: N, agent: N, viewer: N, customer: N, platform_admin: N },
  "usage:read":         { owner: Y, admin: N, manager: N, agent: N, viewer: N, customer: N, platform_admin: N },
  "portal:use":         { owner: N, admin: N, manager: N, agent: N, viewer: N, customer: Y, platform_admin: N },
  "platform:manage":    { owner: N, admin: N, manager: N, agent: N, viewer: N, customer: N, platform_admin: Y },
};

describe("role × permission", () => {
  it("the expected table covers every permission and role", () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...PERMISSIONS].sort());
    for (const row of Object.values(EXPECTED)) expect(Object.keys(row).sort()).toEqual([...ROLES].sort());
  });

  const cases = PERMISSIONS.flatMap((permission) => ROLES.map((role) => [role, permission, EXPECTED[permission][role]] as const));
  it.each(cases)("%s / %s → %s", (role, permission, allowed) => {
    expect(can(role, permission)).toBe(allowed);
  });

  it("unknown roles can do nothing", () => {
    expect(can("superuser", "property:read")).toBe(false);
  });
});
