"use server";

import { headers } from "next/headers";
import { signUpCustomer } from "@/lib/customers/sign-up-customer";
import { toAppError, type FieldErrors } from "@/lib/errors/app-error";
import { clientIp } from "@/lib/http/client-ip";
import { runWithContext } from "@/lib/tenancy/context";
import { requireTenantPage } from "@/lib/tenancy/request-context";

export type SignUpState = { ok: true; email: string } | { ok: false; message: string; fieldErrors?: FieldErrors; values: { name: string; email: string } } | null;

/** Public: a portal visitor creates a customer account on this host's tenant. */
export async function signUpAction(_previous: SignUpState, form: FormData): Promise<SignUpState> {
  const context = await requireTenantPage();
  const requestHeaders = await headers();
  try {
    const customer = await runWithContext(context, () =>
      signUpCustomer(
        context,
        { name: String(form.get("name") ?? ""), email: String(form.get("email") ?? ""), password: String(form.get("password") ?? "") },
        { ip: clientIp(requestHeaders), userAgent: requestHeaders.get("user-agent") },
      ),
    );
    return { ok: true, email: customer.email };
  } catch (error) {
    const appError = toAppError(error);
    // React resets the form after an action; these bring back what the visitor typed (never the password).
    return { ok: false, message: appError.message, fieldErrors: appError.fieldErrors, values: { name: String(form.get("name") ?? ""), email: String(form.get("email") ?? "") } };
  }
}
