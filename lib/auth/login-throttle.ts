import { Prisma } from "@/lib/db/generated/shared/client";
import { sharedDb } from "@/lib/db/shared-client";
import { AppError } from "@/lib/errors/app-error";

/** After this many failures in a row an account is locked; each further failure doubles the lock. */
export const ACCOUNT_FAILURE_LIMIT = 5;
export const IP_FAILURE_LIMIT = 50;
const BASE_LOCK_MS = 60_000;
const MAX_LOCK_MS = 60 * 60_000;
/**
 * A count is forgotten after this long without a failure (and no lock in force): the row is then
 * pruned, and a later failure starts again at 1. Rows for emails nobody owns therefore live at most
 * this long, so spraying addresses cannot grow the table without bound.
 */
export const FAILURE_MEMORY_MS = 24 * 60 * 60_000;
const PRUNE_BATCH = 200;

export interface LoginSubject {
  tenantId: string | null;
  email: string;
  ip: string;
}

function accountKey(subject: LoginSubject): string {
  return `${subject.tenantId ?? "platform"}:${subject.email}`;
}

/** Throws `locked` (account) or `rate_limited` (IP) while a lock is in force. Same answer whether the account exists or not. */
export async function assertLoginAllowed(subject: LoginSubject): Promise<void> {
  const now = new Date();
  const rows = await sharedDb().loginAttempt.findMany({
    where: {
      OR: [
        { scope: "account", key: accountKey(subject) },
        { scope: "ip", key: subject.ip },
      ],
      lockedUntil: { gt: now },
    },
  });
  const ipLock = rows.find((row) => row.scope === "ip");
  if (ipLock?.lockedUntil) {
    throw new AppError({
      code: "rate_limited",
      message: `Too many failed sign-ins from your network. Try again after ${ipLock.lockedUntil.toISOString()}.`,
    });
  }
  const accountLock = rows.find((row) => row.scope === "account");
  if (accountLock?.lockedUntil) {
    throw new AppError({
      code: "locked",
      message: `This account is temporarily locked after repeated failed sign-ins. Try again after ${accountLock.lockedUntil.toISOString()}, or reset your password.`,
    });
  }
}

async function countFailure(scope: "account" | "ip", key: string, limit: number): Promise<void> {
  const staleCondition = Prisma.sql`login_attempts.last_failure_at < now() - make_interval(secs => ${FAILURE_MEMORY_MS / 1000}::float8) AND (login_attempts.locked_until IS NULL OR login_attempts.locked_until < now())`;
  // One statement, so concurrent failures cannot lose counts.
  await sharedDb().$executeRaw`
    INSERT INTO public.login_attempts (scope, key, failures, last_failure_at)
    VALUES (${scope}, ${key}, 1, now())
    ON CONFLICT (scope, key) DO UPDATE SET
      failures = CASE WHEN ${staleCondition} THEN 1 ELSE login_attempts.failures + 1 END,
      last_failure_at = now(),
      locked_until = CASE
        WHEN ${staleCondition} THEN NULL
        WHEN login_attempts.failures + 1 >= ${limit}
        THEN now() + make_interval(secs => LEAST(${MAX_LOCK_MS / 1000}::float8, ${BASE_LOCK_MS / 1000}::float8 * power(2, login_attempts.failures + 1 - ${limit})))
        ELSE login_attempts.locked_until
      END`;
}

/** Deletes a batch of forgotten counts (see FAILURE_MEMORY_MS); every failure calls it, known email or not. */
export async function pruneLoginAttempts(): Promise<number> {
  return sharedDb().$executeRaw`
    DELETE FROM public.login_attempts WHERE ctid IN (
      SELECT ctid FROM public.login_attempts
      WHERE last_failure_at < now() - make_interval(secs => ${FAILURE_MEMORY_MS / 1000}::float8)
        AND (locked_until IS NULL OR locked_until < now())
      LIMIT ${PRUNE_BATCH})`;
}

export async function recordLoginFailure(subject: LoginSubject): Promise<void> {
  await countFailure("account", accountKey(subject), ACCOUNT_FAILURE_LIMIT);
  await countFailure("ip", subject.ip, IP_FAILURE_LIMIT);
  await pruneLoginAttempts();
}

export async function recordLoginSuccess(subject: LoginSubject): Promise<void> {
  await sharedDb().loginAttempt.deleteMany({ where: { scope: "account", key: accountKey(subject) } });
}
