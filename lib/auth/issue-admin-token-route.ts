import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { AppError } from "@/lib/errors/app-error";
import { errorResponse } from "@/lib/http/error-response";
import { parseInput, readJsonBody, requestFacts } from "@/lib/http/tenant-request";
import { adminHostStep } from "@/lib/http/with-platform-admin";
import { issueApiToken } from "./api-token";
import { authenticateWithPassword } from "./authenticate";
import { tokenRequestSchema } from "./issue-token-route";

/** POST /api/auth/token on the admin host: a platform admin's email + password → a one-hour bearer token for /api/admin/*. */
export async function issueAdminTokenRoute(request: Request): Promise<Response> {
  const facts = requestFacts(request.headers, request.method, new URL(request.url).pathname);
  try {
    await adminHostStep(facts);
    const credentials = parseInput(tokenRequestSchema, await readJsonBody(request));
    const user = await authenticateWithPassword({ tenantId: null, ...credentials, ip: facts.ip, userAgent: facts.userAgent });
    if (user.role !== "platform_admin" || user.tenantId !== null) throw new AppError({ code: "forbidden", message: "Platform administrators only" });
    const token = await issueApiToken(user);
    await recordAuditEvent({
      tenantId: null,
      actorUserId: user.id,
      action: "auth.token_issued",
      target: user.email,
      ip: facts.ip,
      userAgent: facts.userAgent,
      metadata: { jti: token.jti, expiresIn: token.expiresIn, surface: "admin" },
    });
    return Response.json({ accessToken: token.accessToken, tokenType: token.tokenType, expiresIn: token.expiresIn }, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    return errorResponse(error);
  }
}
