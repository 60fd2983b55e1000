import { AppError } from "@/lib/errors/app-error";
import { errorResponse } from "@/lib/http/error-response";
import { activeTenantStep, requestFacts, tenantStep } from "@/lib/http/tenant-request";
import { runWithContext } from "@/lib/tenancy/context";
import { createEnquiry } from "./create-enquiry";
import type { EnquiryInput } from "./lead-schema";

/** POST /api/portal/enquiries: public, on the tenant's hosts; 202 when accepted. */
export async function enquiryRoute(request: Request): Promise<Response> {
  const facts = requestFacts(request.headers, request.method, new URL(request.url).pathname);
  try {
    const context = await tenantStep(facts);
    activeTenantStep(context);
    const body = (await request.json().catch(() => {
      throw new AppError({ code: "bad_request", message: "The request body is not valid JSON" });
    })) as EnquiryInput;
    const result = await runWithContext(context, () => createEnquiry(context, body, { ip: facts.ip }));
    return Response.json(result, { status: 202 });
  } catch (error) {
    return errorResponse(error);
  }
}
