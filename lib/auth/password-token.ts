import { createHash, randomBytes } from "node:crypto";
import type pg from "pg";

export type PasswordTokenPurpose = "set_password" | "reset_password" | "invite";

export const PASSWORD_TOKEN_TTL_MS = 60 * 60 * 1000;
/** Team invitations wait longer than a password link: a week. */
export const INVITE_TOKEN_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export function hashPasswordToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** A fresh token, the hash to store and its expiry, for callers that store it themselves (in their own transaction). */
export function newPasswordToken(purpose: PasswordTokenPurpose): { token: string; tokenHash: string; expiresAt: Date } {
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(Date.now() + (purpose === "invite" ? INVITE_TOKEN_TTL_MS : PASSWORD_TOKEN_TTL_MS));
  return { token, tokenHash: hashPasswordToken(token), expiresAt };
}

/**
 * Issues a single-use token for a user and stores only its hash. Takes a pg client so it joins
 * the caller's transaction (provisioning creates the user and the token together).
 */
export async function issuePasswordToken(
  client: pg.ClientBase,
  userId: string,
  purpose: PasswordTokenPurpose,
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(Date.now() + (purpose === "invite" ? INVITE_TOKEN_TTL_MS : PASSWORD_TOKEN_TTL_MS));
  await client.query(
    "INSERT INTO public.password_tokens (user_id, token_hash, purpose, expires_at) VALUES ($1, $2, $3, $4)",
    [userId, hashPasswordToken(token), purpose, expiresAt],
  );
  return { token, expiresAt };
}
