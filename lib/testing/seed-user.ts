import { randomBytes } from "node:crypto";
import { hashPassword } from "@/lib/auth/password-hash";
import type { Role } from "@/lib/auth/permissions";
import { sharedDbFor } from "@/lib/db/shared-client";

export interface SeededUser {
  id: string;
  email: string;
  password: string;
  role: Role;
  tenantId: string | null;
}

/** An active user with a known password; platform admins have no tenant. */
export async function seedUser(tenantId: string | null, role: Role, overrides: { email?: string; password?: string } = {}): Promise<SeededUser> {
  const email = overrides.email ?? `${role}-${randomBytes(4).toString("hex")}@example.test`;
  const password = overrides.password ?? `pw-${randomBytes(8).toString("hex")}`;
  const user = await sharedDbFor(tenantId).user.create({
    data: { tenantId, email, role, status: "active", passwordHash: await hashPassword(password) },
  });
  return { id: user.id, email, password, role, tenantId };
}
