"use server";

import { headers } from "next/headers";
import { requestPasswordReset } from "@/lib/auth/request-password-reset";
import { setPasswordWithToken } from "@/lib/auth/set-password";
import { env } from "@/lib/env/env";
import { toAppError, type FieldErrors } from "@/lib/errors/app-error";
import { clientIp } from "@/lib/http/client-ip";
import { getRequestContext } from "@/lib/tenancy/request-context";

export type PasswordFormState = { ok: true; message: string } | { ok: false; message: string; fieldErrors?: FieldErrors } | null;

/** The host's tenant (null on the admin host); these forms are public, so there is no identity to check. */
async function hostTenantId(): Promise<string | null> {
  const context = await getRequestContext();
  if (context.surface === "tenant" && context.tenant) return context.tenant.id;
  return null;
}

export async function setPasswordAction(_previous: PasswordFormState, form: FormData): Promise<PasswordFormState> {
  const password = String(form.get("password") ?? "");
  if (password !== String(form.get("confirm") ?? "")) return { ok: false, message: "The passwords do not match", fieldErrors: { confirm: ["Does not match the password"] } };
  try {
    await setPasswordWithToken({ token: String(form.get("token") ?? ""), password, tenantId: await hostTenantId() });
    return { ok: true, message: "Your password is set. You can sign in now." };
  } catch (error) {
    const appError = toAppError(error);
    const fieldErrors = appError.fieldErrors?._ ? { password: appError.fieldErrors._ } : appError.fieldErrors;
    return { ok: false, message: appError.message, fieldErrors };
  }
}

export async function forgotPasswordAction(_previous: PasswordFormState, form: FormData): Promise<PasswordFormState> {
  const requestHeaders = await headers();
  await requestPasswordReset({
    tenantId: await hostTenantId(),
    email: String(form.get("email") ?? ""),
    baseUrl: `${env().APP_PROTOCOL}://${requestHeaders.get("host")}`,
    ip: clientIp(requestHeaders),
  }).catch(() => undefined);
  return { ok: true, message: "If an account exists for that address, we sent it a link to choose a new password." };
}
