import { randomBytes } from "node:crypto";
import { hashPasswordToken } from "@/lib/auth/password-token";
import { encodeSessionToken, sessionCookieName } from "@/lib/auth/session-cookie";
import { platformDb, sharedDbFor } from "@/lib/db/shared-client";

export interface SeededImpersonation {
  id: string;
  /** The `Cookie` header of the impersonation's session, as redeeming its link would have set it. */
  cookie: string;
}

/**
 * An already-redeemed impersonation with the times given (e.g. created and expired in the past, within
 * the table's 30-minute rule), for tests of what happens after expiry without waiting for it.
 */
export async function seedImpersonation(input: { tenantId: string; userId: string; adminUserId: string; write?: boolean; createdAt: Date; expiresAt: Date }): Promise<SeededImpersonation> {
  const user = await sharedDbFor(input.tenantId).user.findUniqueOrThrow({ where: { id: input.userId } });
  const row = await platformDb().impersonationSession.create({
    data: {
      subjectTenantId: input.tenantId,
      userId: user.id,
      adminUserId: input.adminUserId,
      write: input.write ?? false,
      reason: "seeded for a test",
      handoffTokenHash: hashPasswordToken(randomBytes(32).toString("base64url")),
      handoffExpiresAt: new Date(input.createdAt.getTime() + 60_000),
      redeemedAt: input.createdAt,
      createdAt: input.createdAt,
      expiresAt: input.expiresAt,
    },
  });
  const session = await encodeSessionToken({ uid: user.id, tid: user.tenantId, role: user.role, sv: user.sessionVersion, email: user.email, imp: row.id });
  return { id: row.id, cookie: `${sessionCookieName()}=${session}` };
}
