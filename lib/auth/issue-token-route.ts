import { z } from "zod";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { env } from "@/lib/env/env";
import { AppError } from "@/lib/errors/app-error";
import { errorResponse } from "@/lib/http/error-response";
import { activeTenantStep, maintenanceStep, parseInput, requestFacts, tenantStep } from "@/lib/http/tenant-request";
import { isCustomDomainHost } from "@/lib/tenancy/resolve-host";
import { issueApiToken } from "./api-token";
import { authenticateWithPassword } from "./authenticate";

/** The token routes' body, on a tenant host and on the admin host. */
export const tokenRequestSchema = z.object({
  email: z.string().min(1, "Email is required").max(254),
  password: z.string().min(1, "Password is required").max(200),
});

/** POST /api/auth/token on a tenant host: email + password → a one-hour bearer token for that tenant. */
export async function issueTokenRoute(request: Request): Promise<Response> {
  const facts = requestFacts(request.headers, request.method, new URL(request.url).pathname);
  try {
    const context = await tenantStep(facts);
    // Staff sign-in, so never on a custom domain (proxy.ts answers 404 there first; this holds without it).
    if (isCustomDomainHost(facts.host)) throw new AppError({ code: "not_found", message: `Staff APIs are not served on a custom domain; use ${context.tenant.slug}.${env().APP_ROOT_DOMAIN}` });
    activeTenantStep(context);
    await maintenanceStep(context, facts);
    let json: unknown;
    try {
      json = await request.json();
    } catch {
      throw new AppError({ code: "bad_request", message: "Send JSON: { \"email\": ..., \"password\": ... }" });
    }
    const credentials = parseInput(tokenRequestSchema, json);
    const user = await authenticateWithPassword({ tenantId: context.tenant.id, ...credentials, ip: facts.ip, userAgent: facts.userAgent });
    if (user.role === "customer") throw new AppError({ code: "forbidden", message: "API tokens are for staff accounts" });
    const token = await issueApiToken({ ...user, tenantId: context.tenant.id });
    await recordAuditEvent({
      tenantId: context.tenant.id,
      actorUserId: user.id,
      action: "auth.token_issued",
      target: user.email,
      ip: facts.ip,
      userAgent: facts.userAgent,
      metadata: { jti: token.jti, expiresIn: token.expiresIn },
    });
    return Response.json({ accessToken: token.accessToken, tokenType: token.tokenType, expiresIn: token.expiresIn }, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    return errorResponse(error);
  }
}
