"use server";

import { headers } from "next/headers";
import { after } from "next/server";
import { requestPasswordReset } from "@/lib/auth/request-password-reset";
import { setPasswordWithToken } from "@/lib/auth/set-password";
import { env } from "@/lib/env/env";
import { toAppError, type FieldErrors } from "@/lib/errors/app-error";
import { clientIp } from "@/lib/http/client-ip";
import { logger } from "@/lib/log/logger";
import { allowRateLimit } from "@/lib/rate-limit/rate-limit";
import { getRequestContext } from "@/lib/tenancy/request-context";
import { passwordSchema } from "@/lib/tenants/tenant-input";

export type PasswordFormState = { ok: true; message: string } | { ok: false; message: string; fieldErrors?: FieldErrors } | null;
export type PasswordAction = (previous: PasswordFormState, form: FormData) => Promise<PasswordFormState>;

const RESET_LINK_SENT = "If an account exists for that address, we sent it a link to choose a new password.";

/**
 * Whose passwords this host may set: an active tenant's users, or platform admins (tenantId null) on
 * the admin host. These forms are public, so the Host is the only thing to go by.
 */
async function passwordHost(): Promise<{ tenantId: string | null; host: string } | null> {
  const context = await getRequestContext();
  if (context.surface === "tenant" && context.tenant?.status === "active") return { tenantId: context.tenant.id, host: context.host };
  if (context.surface === "admin") return { tenantId: null, host: context.host };
  return null;
}

const NOT_HERE = "Passwords cannot be changed on this address.";

export async function setPasswordAction(_previous: PasswordFormState, form: FormData): Promise<PasswordFormState> {
  const target = await passwordHost();
  if (!target) return { ok: false, message: NOT_HERE };
  const password = String(form.get("password") ?? "");
  const fieldErrors: FieldErrors = {};
  const checked = passwordSchema.safeParse(password);
  if (!checked.success) fieldErrors.password = checked.error.issues.map((issue) => issue.message);
  if (password !== String(form.get("confirm") ?? "")) fieldErrors.confirm = ["Does not match the password"];
  if (Object.keys(fieldErrors).length > 0) return { ok: false, message: "Choose another password", fieldErrors };
  try {
    await setPasswordWithToken({ token: String(form.get("token") ?? ""), password, tenantId: target.tenantId });
    return { ok: true, message: "Your password is set. You can sign in now." };
  } catch (error) {
    const appError = toAppError(error);
    return { ok: false, message: appError.message };
  }
}

/** Always the same answer, as fast for an unknown address as for a known one: it never says who has an account. */
export async function forgotPasswordAction(_previous: PasswordFormState, form: FormData): Promise<PasswordFormState> {
  const target = await passwordHost();
  if (!target) return { ok: false, message: NOT_HERE };
  const ip = clientIp(await headers());
  if (!(await allowRateLimit("passwordResetIp", ip))) return { ok: false, message: "Too many requests from your network. Try again in a few minutes." };
  const email = String(form.get("email") ?? "");
  const baseUrl = `${env().APP_PROTOCOL}://${target.host}`;
  // After the answer is sent: issuing a token and sending mail must not make a known address answer slower.
  after(async () => {
    try {
      const accountKey = `${target.tenantId ?? "platform"}:${email.trim().toLowerCase()}`;
      if (!(await allowRateLimit("passwordResetAccount", accountKey))) return;
      await requestPasswordReset({ tenantId: target.tenantId, email, baseUrl, ip });
    } catch (error) {
      logger.error({ err: error }, "password reset request failed");
    }
  });
  return { ok: true, message: RESET_LINK_SENT };
}
