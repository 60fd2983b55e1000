import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { sharedDbFor } from "@/lib/db/shared-client";
import { AppError } from "@/lib/errors/app-error";
import { rejectNulBytes } from "@/lib/http/tenant-request";
import { emailSchema } from "@/lib/tenants/tenant-input";
import { assertLoginAllowed, recordLoginFailure, recordLoginSuccess } from "./login-throttle";
import { hashPassword, verifyPassword } from "./password-hash";
import { isRole, type Role } from "./permissions";

export interface AuthenticatedUser {
  id: string;
  tenantId: string | null;
  email: string;
  name: string | null;
  role: Role;
  sessionVersion: number;
}

export interface SignInAttempt {
  /** The host's tenant, or null on the admin host (platform admins). */
  tenantId: string | null;
  email: string;
  password: string;
  ip: string;
  userAgent: string | null;
  /** Set on a custom domain (customers only): a staff account's correct password is refused with this message. */
  staffRefusal?: string;
}

const WRONG_CREDENTIALS = "Wrong email or password";

// Verifying against a real hash when the account does not exist keeps both answers equally slow.
let decoyHash: Promise<string> | undefined;
function decoy(): Promise<string> {
  decoyHash ??= hashPassword("decoy password that matches nothing");
  return decoyHash;
}

/**
 * Checks a password sign-in for one tenant (or for platform admins). Never says whether the email
 * exists; counts failures per account and per IP; writes audit events for success and failure.
 */
export async function authenticateWithPassword(attempt: SignInAttempt): Promise<AuthenticatedUser> {
  // next-auth's authorize() hands raw form values here without the shared input step; refuse NULs the same way (422).
  rejectNulBytes({ email: attempt.email, password: attempt.password });
  const parsedEmail = emailSchema.safeParse(attempt.email);
  const email = parsedEmail.success ? parsedEmail.data : attempt.email.trim().toLowerCase();
  const subject = { tenantId: attempt.tenantId, email, ip: attempt.ip };
  await assertLoginAllowed(subject);

  const user = parsedEmail.success
    ? await sharedDbFor(attempt.tenantId).user.findFirst({
        where: attempt.tenantId ? { tenantId: attempt.tenantId, email } : { tenantId: null, email, role: "platform_admin" },
      })
    : null;
  const passwordMatches = await verifyPassword(user?.passwordHash ?? (await decoy()), attempt.password);

  if (!user || !passwordMatches || user.status !== "active" || !isRole(user.role)) {
    const outcome = await recordLoginFailure(subject);
    await recordAuditEvent({
      tenantId: attempt.tenantId,
      actorUserId: user?.id ?? null,
      action: "auth.sign_in_failed",
      target: email,
      ip: attempt.ip,
      userAgent: attempt.userAgent,
      metadata: { reason: !user ? "unknown_account" : !passwordMatches ? "wrong_password" : `status_${user.status}` },
    });
    if (outcome.accountLockedUntil) {
      await recordAuditEvent({
        tenantId: attempt.tenantId,
        actorUserId: user?.id ?? null,
        action: "auth.account_locked",
        target: email,
        ip: attempt.ip,
        userAgent: attempt.userAgent,
        metadata: { failures: outcome.accountFailures, lockedUntil: outcome.accountLockedUntil.toISOString() },
      });
    }
    if (outcome.ipLockedUntil) {
      await recordAuditEvent({
        tenantId: attempt.tenantId,
        action: "auth.ip_locked",
        target: attempt.ip,
        ip: attempt.ip,
        userAgent: attempt.userAgent,
        metadata: { failures: outcome.ipFailures, lockedUntil: outcome.ipLockedUntil.toISOString() },
      });
    }
    throw new AppError({ code: "unauthorized", message: WRONG_CREDENTIALS });
  }

  if (attempt.staffRefusal && user.role !== "customer") {
    await recordAuditEvent({
      tenantId: attempt.tenantId,
      actorUserId: user.id,
      action: "auth.sign_in_failed",
      target: email,
      ip: attempt.ip,
      userAgent: attempt.userAgent,
      metadata: { reason: "staff_on_custom_domain" },
    });
    throw new AppError({ code: "forbidden", message: attempt.staffRefusal });
  }

  await recordLoginSuccess(subject);
  await recordAuditEvent({
    tenantId: attempt.tenantId,
    actorUserId: user.id,
    action: "auth.signed_in",
    target: email,
    ip: attempt.ip,
    userAgent: attempt.userAgent,
  });
  return { id: user.id, tenantId: user.tenantId, email: user.email, name: user.name, role: user.role, sessionVersion: user.sessionVersion };
}
