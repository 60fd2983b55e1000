import { AppError } from "@/lib/errors/app-error";
import { verifyApiToken } from "./api-token";
import { cachedUserRow } from "./identity-cache";
import { findActiveImpersonation, type ActiveImpersonation } from "@/lib/impersonation/find-active-impersonation";
import { isRole, type Role } from "./permissions";
import { isCustomDomainHost } from "@/lib/tenancy/resolve-host";
import { decodeSessionToken, readSingleCookie, sessionCookieName } from "./session-cookie";

export interface Identity {
  userId: string;
  tenantId: string | null;
  email: string;
  name: string | null;
  role: Role;
  via: "token" | "session";
  /** Set when a platform admin is signed in as this user (lib/impersonation): read-only unless `write`. */
  impersonation?: ActiveImpersonation;
}

export interface Credentials {
  /** The Host the credentials were sent to: on a tenant's custom domain only customers are identities. */
  host: string;
  authorization: string | null;
  cookieHeader: string | null;
}

export const STAFF_ON_CUSTOM_DOMAIN_MESSAGE = "Staff credentials are not accepted on a custom domain; sign in at the workspace's own address";

/**
 * Who is calling: a bearer token if one is sent (a bad one is a 401, never a fallback to the cookie),
 * else the next-auth session cookie (sent twice: a 401). Either is checked against the user row: still
 * active, same tenant, and same session version (so "sign out everywhere" revokes both at once).
 * On a custom domain — the origin where the tenant's own script runs — a staff or platform identity is
 * none at all: a staff token is a 401, a staff session counts as signed out.
 */
export async function resolveIdentity(credentials: Credentials): Promise<Identity | null> {
  const identity = await presentedIdentity(credentials);
  if (!identity || identity.role === "customer" || !isCustomDomainHost(credentials.host)) return identity;
  if (identity.via === "token") throw new AppError({ code: "unauthorized", message: STAFF_ON_CUSTOM_DOMAIN_MESSAGE });
  return null;
}

async function presentedIdentity(credentials: Credentials): Promise<Identity | null> {
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
  const session = await decodeSessionToken(readSingleCookie(credentials.cookieHeader, sessionCookieName()));
  if (!session) return null;
  const identity = await currentUser(session.uid, session.tid, session.sv, "session");
  if (!identity || session.imp === undefined) return identity;
  // An impersonation's session is an identity only while the impersonation is on (ended, expired: signed out).
  const impersonation = await findActiveImpersonation(session.imp, identity.tenantId, identity.userId);
  return impersonation ? { ...identity, impersonation } : null;
}

async function currentUser(userId: string, tenantId: string | null, sessionVersion: number, via: Identity["via"]): Promise<Identity | null> {
  const user = await cachedUserRow(userId, tenantId);
  if (!user || user.status !== "active" || user.tenantId !== tenantId || user.sessionVersion !== sessionVersion || !isRole(user.role)) return null;
  return { userId: user.id, tenantId: user.tenantId, email: user.email, name: user.name, role: user.role, via };
}
