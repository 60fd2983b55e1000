import type { CookiesOptions } from "next-auth";
import { decode, encode, type JWT } from "next-auth/jwt";
import { authSecret, env } from "@/lib/env/env";
import { AppError } from "@/lib/errors/app-error";

export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

type Protocol = "http" | "https";

/**
 * Over https every auth cookie is `__Host-`: the browser then insists on Secure, Path=/ and no Domain, so
 * no other host — a sibling tenant's subdomain or custom domain — can set or overwrite it. Over http
 * (dev) `__Host-` cannot be used; the cookies are host-only by our own choice (no Domain) and nothing
 * stops a sibling host planting a Domain cookie of the same name: duplicates are refused (readSingleCookie).
 */
function authCookieName(base: string, protocol: Protocol): string {
  return protocol === "https" ? `__Host-${base}` : base;
}

export function sessionCookieName(protocol: Protocol = env().APP_PROTOCOL): string {
  return authCookieName("next-auth.session-token", protocol);
}

export function csrfCookieName(protocol: Protocol = env().APP_PROTOCOL): string {
  return authCookieName("next-auth.csrf-token", protocol);
}

export function callbackCookieName(protocol: Protocol = env().APP_PROTOCOL): string {
  return authCookieName("next-auth.callback-url", protocol);
}

/** next-auth's `cookies` option: session, CSRF and callback cookies named and scoped as above. */
export function authCookies(protocol: Protocol = env().APP_PROTOCOL): Partial<CookiesOptions> {
  const options = { httpOnly: true, sameSite: "lax" as const, path: "/", secure: protocol === "https" };
  return {
    sessionToken: { name: sessionCookieName(protocol), options },
    csrfToken: { name: csrfCookieName(protocol), options },
    callbackUrl: { name: callbackCookieName(protocol), options },
  };
}

/** The Set-Cookie value of a session cookie written by us (the hand-off), with next-auth's attributes. */
export function sessionSetCookie(value: string, protocol: Protocol = env().APP_PROTOCOL, maxAgeSeconds = SESSION_MAX_AGE_SECONDS): string {
  const secure = protocol === "https" ? "; Secure" : "";
  return `${sessionCookieName(protocol)}=${value}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAgeSeconds}${secure}`;
}

/** The Set-Cookie value that removes this host's session cookie (an impersonation ended). */
export function clearedSessionCookie(protocol: Protocol = env().APP_PROTOCOL): string {
  return sessionSetCookie("", protocol, 0);
}

export interface SessionClaims {
  uid: string;
  tid: string | null;
  role: string;
  sv: number;
  /** An impersonation session's id (lib/impersonation): a platform admin is signed in as this user. */
  imp?: string;
}

/** Reads next-auth's (encrypted) session JWT; null when absent, tampered or expired. */
export async function decodeSessionToken(token: string | undefined): Promise<SessionClaims | null> {
  if (!token) return null;
  const claims = await decode({ token, secret: authSecret() }).catch(() => null);
  if (!claims || typeof claims.uid !== "string" || typeof claims.role !== "string" || typeof claims.sv !== "number") return null;
  return { uid: claims.uid, tid: typeof claims.tid === "string" ? claims.tid : null, role: claims.role, sv: claims.sv, ...(typeof claims.imp === "string" ? { imp: claims.imp } : {}) };
}

/** For tests and hand-offs: a session cookie value exactly as next-auth would write it. */
export function encodeSessionToken(claims: SessionClaims & { email: string }, maxAgeSeconds = SESSION_MAX_AGE_SECONDS): Promise<string> {
  const token: JWT = { ...claims, sub: claims.uid };
  return encode({ token, secret: authSecret(), maxAge: maxAgeSeconds });
}

export const DUPLICATE_SESSION_MESSAGE = "Several session cookies were sent; sign in again";

/** Every value sent under `name`, in header order. */
export function cookieValues(cookieHeader: string | null, name: string): string[] {
  if (!cookieHeader) return [];
  const values: string[] = [];
  for (const part of cookieHeader.split(";")) {
    const index = part.indexOf("=");
    if (index <= 0 || part.slice(0, index).trim() !== name) continue;
    const raw = part.slice(index + 1).trim();
    try {
      values.push(decodeURIComponent(raw));
    } catch {
      values.push(raw);
    }
  }
  return values;
}

/**
 * The one value of a cookie; undefined when absent. Sent more than once, it is refused (401): one of
 * them may have been planted by another host for a parent domain, and no rule can tell which is ours.
 */
export function readSingleCookie(cookieHeader: string | null, name: string): string | undefined {
  const values = cookieValues(cookieHeader, name);
  if (values.length > 1) throw new AppError({ code: "unauthorized", message: DUPLICATE_SESSION_MESSAGE });
  return values[0];
}
