import { sharedDbFor } from "@/lib/db/shared-client";
import { AppError } from "@/lib/errors/app-error";
import { verifyApiToken } from "./api-token";
import { isRole, type Role } from "./permissions";
import { decodeSessionToken, readCookie, sessionCookieName } from "./session-cookie";

export interface Identity {
  userId: string;
  tenantId: string | null;
  email: string;
  name: string | null;
  role: Role;
  via: "token" | "session";
}

export interface Credentials {
  authorization: string | null;
  cookieHeader: string | null;
}

/**
 * Who is calling: a bearer token if one is sent (a bad one is a 401, never a fallback to the cookie),
 * else the next-auth session cookie. Either is checked against the user row: still active, same
 * tenant, and same session version (so "sign out everywhere" revokes both at once).
 */
export async function resolveIdentity(credentials: Credentials): Promise<Identity | null> {
  const bearer = /^Bearer\s+(.+)$/i.exec(credentials.authorization ?? "")?.[1]?.trim();
  if (credentials.authorization !== null && credentials.authorization !== "" && !bearer) {
    throw new AppError({ code: "unauthorized", message: "Authorization must be 'Bearer <token>'" });
  }
  if (bearer) {
    const claims = await verifyApiToken(bearer);
    const identity = await currentUser(claims.sub, claims.tenant_id, claims.sv, "token");
    if (!identity) throw new AppError({ code: "unauthorized", message: "Access token revoked" });
    return identity;
  }
  const session = await decodeSessionToken(readCookie(credentials.cookieHeader, sessionCookieName()));
  if (!session) return null;
  return currentUser(session.uid, session.tid, session.sv, "session");
}

async function currentUser(userId: string, tenantId: string | null, sessionVersion: number, via: Identity["via"]): Promise<Identity | null> {
  const user = await sharedDbFor(tenantId).user.findUnique({ where: { id: userId } });
  if (!user || user.status !== "active" || user.tenantId !== tenantId || user.sessionVersion !== sessionVersion || !isRole(user.role)) return null;
  return { userId: user.id, tenantId: user.tenantId, email: user.email, name: user.name, role: user.role, via };
}
