import { AppError } from "@/lib/errors/app-error";
import { clearFailures, lockedUntil, recordFailure } from "@/lib/rate-limit/failure-lockout";
import { RATE_LIMIT_POLICIES } from "@/lib/rate-limit/policies";

/** After this many failures in a row an account is locked; each further failure doubles the lock. */
export const ACCOUNT_FAILURE_LIMIT = RATE_LIMIT_POLICIES.loginAccount.failures;
export const IP_FAILURE_LIMIT = RATE_LIMIT_POLICIES.loginIp.failures;
/** A count is forgotten after this long without a failure (its Redis keys expire), so sprayed addresses cannot pile up. */
export const FAILURE_MEMORY_MS = RATE_LIMIT_POLICIES.loginAccount.memoryMs;

export interface LoginSubject {
  tenantId: string | null;
  email: string;
  ip: string;
}

/** What a failure started: a lock of the account and/or the IP (to be audited), else nulls. */
export interface LoginFailureOutcome {
  accountFailures: number;
  accountLockedUntil: Date | null;
  ipFailures: number;
  ipLockedUntil: Date | null;
}

export function loginAccountKey(tenantId: string | null, email: string): string {
  return `${tenantId ?? "platform"}:${email}`;
}

/** Throws `locked` (account) or `rate_limited` (IP) while a lock is in force. Same answer whether the account exists or not. */
export async function assertLoginAllowed(subject: LoginSubject): Promise<void> {
  const [accountLock, ipLock] = await lockedUntil([
    { name: "loginAccount", identifier: loginAccountKey(subject.tenantId, subject.email) },
    { name: "loginIp", identifier: subject.ip },
  ]);
  if (ipLock) {
    throw new AppError({
      code: "rate_limited",
      message: `Too many failed sign-ins from your network. Try again after ${new Date(ipLock).toISOString()}.`,
      details: { policy: "loginIp", limit: IP_FAILURE_LIMIT, remaining: 0, resetAt: new Date(ipLock).toISOString(), retryAfterSeconds: Math.max(1, Math.ceil((ipLock - Date.now()) / 1000)) },
    });
  }
  if (accountLock) {
    throw new AppError({
      code: "locked",
      message: `This account is temporarily locked after repeated failed sign-ins. Try again after ${new Date(accountLock).toISOString()}, or reset your password.`,
    });
  }
}

export async function recordLoginFailure(subject: LoginSubject): Promise<LoginFailureOutcome> {
  const account = await recordFailure("loginAccount", loginAccountKey(subject.tenantId, subject.email));
  const ip = await recordFailure("loginIp", subject.ip);
  return {
    accountFailures: account.failures,
    accountLockedUntil: account.lockedUntil === null ? null : new Date(account.lockedUntil),
    ipFailures: ip.failures,
    ipLockedUntil: ip.lockedUntil === null ? null : new Date(ip.lockedUntil),
  };
}

/** A success (or a password reset) clears the account's count and lock, not the IP's. */
export async function clearLoginFailures(tenantId: string | null, email: string): Promise<void> {
  await clearFailures("loginAccount", loginAccountKey(tenantId, email));
}

export async function recordLoginSuccess(subject: LoginSubject): Promise<void> {
  await clearLoginFailures(subject.tenantId, subject.email);
}
