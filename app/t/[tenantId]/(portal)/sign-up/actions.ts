"use server";

import { headers } from "next/headers";
import { signUpCustomer } from "@/lib/customers/sign-up-customer";
import { env } from "@/lib/env/env";
import { toAppError, type FieldErrors } from "@/lib/errors/app-error";
import { clientIp } from "@/lib/http/client-ip";
import { rejectNulBytes } from "@/lib/http/tenant-request";
import { runWithContext } from "@/lib/tenancy/context";
import { requireTenantPage } from "@/lib/tenancy/request-context";

export type SignUpState = { ok: true; email: string; message: string } | { ok: false; message: string; fieldErrors?: FieldErrors; values: { name: string; email: string } } | null;

/** Public: a portal visitor asks for a customer account on this host's tenant; the next step comes by mail. */
export async function signUpAction(_previous: SignUpState, form: FormData): Promise<SignUpState> {
  const context = await requireTenantPage();
  const requestHeaders = await headers();
  const input = { name: String(form.get("name") ?? ""), email: String(form.get("email") ?? "") };
  try {
    rejectNulBytes(input);
    const accepted = await runWithContext(context, () =>
      signUpCustomer(context, input, { ip: clientIp(requestHeaders), userAgent: requestHeaders.get("user-agent"), baseUrl: `${env().APP_PROTOCOL}://${context.host}` }),
    );
    return { ok: true, email: accepted.email, message: accepted.message };
  } catch (error) {
    const appError = toAppError(error);
    // React resets the form after an action; these bring back what the visitor typed.
    return { ok: false, message: appError.message, fieldErrors: appError.fieldErrors, values: input };
  }
}
