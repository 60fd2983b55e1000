import { hkdfSync, randomUUID } from "node:crypto";
import { errors as joseErrors, jwtVerify, SignJWT } from "jose";
import { LRUCache } from "lru-cache";
import { authSecret } from "@/lib/env/env";
import { AppError } from "@/lib/errors/app-error";
import type { AuthenticatedUser } from "./authenticate";

export const API_TOKEN_TTL_SECONDS = 3600;
const ISSUER = "asset-anchor";
const ALGORITHM = "HS256";

export interface ApiTokenClaims {
  sub: string;
  /** null only for a platform admin's token, issued on the admin host. */
  tenant_id: string | null;
  role: string;
  /** The user's session version when issued; "sign out everywhere" bumps it and so revokes the token. */
  sv: number;
  iat: number;
  exp: number;
  jti: string;
}

let derivedKey: { secret: string; key: Promise<CryptoKey> } | undefined;

/**
 * A key of its own for API tokens, derived from AUTH_SECRET so sessions and tokens never share one.
 * Derived and imported once per secret: HKDF and the WebCrypto import would otherwise run on every request.
 */
function signingKey(): Promise<CryptoKey> {
  const secret = authSecret();
  if (derivedKey?.secret !== secret) {
    const bytes = new Uint8Array(hkdfSync("sha256", secret, "", "asset-anchor api token v1", 32));
    derivedKey = { secret, key: crypto.subtle.importKey("raw", bytes, { name: "HMAC", hash: "SHA-256" }, false, ["sign", "verify"]) };
  }
  return derivedKey.key;
}

/** Signs claims as given (tests use it for expired or odd tokens); callers normally use issueApiToken. */
export async function signApiToken(claims: ApiTokenClaims, key?: Uint8Array | CryptoKey): Promise<string> {
  const { sub, jti, iat, exp, ...custom } = claims;
  return new SignJWT(custom)
    .setProtectedHeader({ alg: ALGORITHM, typ: "JWT" })
    .setSubject(sub)
    .setIssuer(ISSUER)
    .setIssuedAt(iat)
    .setExpirationTime(exp)
    .setJti(jti)
    .sign(key ?? (await signingKey()));
}

export async function issueApiToken(user: AuthenticatedUser): Promise<{ accessToken: string; tokenType: "Bearer"; expiresIn: number; jti: string }> {
  const iat = Math.floor(Date.now() / 1000);
  const jti = randomUUID();
  const accessToken = await signApiToken({ sub: user.id, tenant_id: user.tenantId, role: user.role, sv: user.sessionVersion, iat, exp: iat + API_TOKEN_TTL_SECONDS, jti });
  return { accessToken, tokenType: "Bearer", expiresIn: API_TOKEN_TTL_SECONDS, jti };
}

/**
 * Tokens this process has verified, with their claims, until they expire: the signature check ran on every
 * request of a client that sends the same token for an hour. Keyed by the whole token (claims and
 * signature), so only the exact string that passed is answered from here; revocation is not a property of
 * the token but of the user row (session version, status), which identity checks on every request.
 */
// 10,000 active tenants with twice the room (a token and its claims: well under 1 kB).
const verified: { secret?: string; tokens: LRUCache<string, Readonly<ApiTokenClaims>> } = { tokens: new LRUCache({ max: 20_000 }) };

/** Verifies signature (HS256 only: `none` and other algorithms are refused), issuer, expiry and claim shapes. */
export async function verifyApiToken(token: string): Promise<Readonly<ApiTokenClaims>> {
  const secret = authSecret();
  if (verified.secret !== secret) {
    verified.tokens.clear();
    verified.secret = secret;
  }
  const known = verified.tokens.get(token);
  // jose's own rule: valid while the current second is before `exp`.
  if (known && Math.floor(Date.now() / 1000) < known.exp) return known;
  const claims = Object.freeze(await verifySignedToken(token));
  verified.tokens.set(token, claims, { ttl: Math.max(1, claims.exp * 1000 - Date.now()) });
  return claims;
}

async function verifySignedToken(token: string): Promise<ApiTokenClaims> {
  try {
    const { payload } = await jwtVerify(token, await signingKey(), { algorithms: [ALGORITHM], issuer: ISSUER, requiredClaims: ["sub", "exp", "iat", "jti"] });
    const { sub, tenant_id, role, sv, iat, exp, jti } = payload;
    if (typeof sub !== "string" || (typeof tenant_id !== "string" && !(tenant_id === null && role === "platform_admin")) || typeof role !== "string" || typeof sv !== "number" || typeof jti !== "string" || typeof iat !== "number" || typeof exp !== "number") {
      throw new AppError({ code: "unauthorized", message: "Invalid access token" });
    }
    return { sub, tenant_id, role, sv, iat, exp, jti };
  } catch (error) {
    if (error instanceof AppError) throw error;
    const expired = error instanceof joseErrors.JWTExpired;
    throw new AppError({ code: "unauthorized", message: expired ? "Access token expired" : "Invalid access token", cause: error });
  }
}
