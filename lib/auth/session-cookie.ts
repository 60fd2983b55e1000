import { decode, encode, type JWT } from "next-auth/jwt";
import { authSecret, env } from "@/lib/env/env";

export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

export function sessionCookieName(): string {
  return env().APP_PROTOCOL === "https" ? "__Secure-next-auth.session-token" : "next-auth.session-token";
}

export interface SessionClaims {
  uid: string;
  tid: string | null;
  role: string;
  sv: number;
}

/** Reads next-auth's (encrypted) session JWT; null when absent, tampered or expired. */
export async function decodeSessionToken(token: string | undefined): Promise<SessionClaims | null> {
  if (!token) return null;
  const claims = await decode({ token, secret: authSecret() }).catch(() => null);
  if (!claims || typeof claims.uid !== "string" || typeof claims.role !== "string" || typeof claims.sv !== "number") return null;
  return { uid: claims.uid, tid: typeof claims.tid === "string" ? claims.tid : null, role: claims.role, sv: claims.sv };
}

/** For tests and hand-offs: a session cookie value exactly as next-auth would write it. */
export function encodeSessionToken(claims: SessionClaims & { email: string }): Promise<string> {
  const token: JWT = { ...claims, sub: claims.uid };
  return encode({ token, secret: authSecret(), maxAge: SESSION_MAX_AGE_SECONDS });
}

export function readCookie(cookieHeader: string | null, name: string): string | undefined {
  if (!cookieHeader) return undefined;
  for (const part of cookieHeader.split(";")) {
    const index = part.indexOf("=");
    if (index > 0 && part.slice(0, index).trim() === name) return decodeURIComponent(part.slice(index + 1).trim());
  }
  return undefined;
}
