"use server";

import { headers } from "next/headers";
import { env } from "@/lib/env/env";
import { toAppError, type FieldErrors } from "@/lib/errors/app-error";
import { clientIp } from "@/lib/http/client-ip";
import { rejectNulBytes } from "@/lib/http/tenant-request";
import { currentIdentity } from "@/lib/auth/page-identity";
import { createEnquiry } from "@/lib/leads/create-enquiry";
import { runWithContext } from "@/lib/tenancy/context";
import { requireTenantPage } from "@/lib/tenancy/request-context";

export type EnquiryFormState = { ok: true } | { ok: false; message: string; fieldErrors?: FieldErrors } | null;

/** Public: anyone on the portal may enquire; the tenant comes from the Host, never from the form. */
export async function sendEnquiryAction(_previous: EnquiryFormState, form: FormData): Promise<EnquiryFormState> {
  const context = await requireTenantPage();
  const ip = clientIp(await headers());
  // A signed-in customer's enquiry is theirs, so it shows under "My enquiries".
  const identity = await currentIdentity();
  const customerUserId = identity?.role === "customer" && identity.tenantId === context.tenant.id ? identity.userId : null;
  const input = {
    propertyId: String(form.get("propertyId") ?? ""),
    name: String(form.get("name") ?? ""),
    email: String(form.get("email") ?? ""),
    phone: String(form.get("phone") ?? "") || null,
    message: String(form.get("message") ?? ""),
    website: String(form.get("website") ?? ""),
  };
  try {
    rejectNulBytes(input);
    await runWithContext(context, () => createEnquiry(context, input, { ip, customerUserId, baseUrl: `${env().APP_PROTOCOL}://${context.host}` }));
    return { ok: true };
  } catch (error) {
    const appError = toAppError(error);
    return { ok: false, message: appError.message, fieldErrors: appError.fieldErrors };
  }
}
