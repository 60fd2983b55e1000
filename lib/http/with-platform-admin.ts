import type { z } from "zod";
import type { AdminAuditAction } from "@/lib/audit/audit-events";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { Identity } from "@/lib/auth/identity";
import { AppError } from "@/lib/errors/app-error";
import { resolveHost } from "@/lib/tenancy/resolve-host";
import { errorResponse } from "./error-response";
import { identityStep, parseInput, readJsonBody, requestFacts, sameOriginStep, toResponse, type RequestFacts } from "./tenant-request";

export interface PlatformAdminHandlerArgs<Body, Query> {
  request: Request;
  identity: Identity;
  params: Record<string, string>;
  body: Body;
  query: Query;
}

interface WithPlatformAdminOptions<BodySchema extends z.ZodType | undefined, QuerySchema extends z.ZodType | undefined> {
  /** The audit event every successful mutation (non-GET) of this route writes as the acting admin. */
  auditAction?: AdminAuditAction;
  body?: BodySchema;
  query?: QuerySchema;
}

type Parsed<Schema> = Schema extends z.ZodType ? z.output<Schema> : undefined;

/** Step A1: the host must be the admin host (404 anywhere else, as if the route did not exist). */
export async function adminHostStep(facts: RequestFacts): Promise<void> {
  const resolved = await resolveHost(facts.host);
  if (resolved.surface !== "admin") throw new AppError({ code: "not_found", message: "Not found" });
}

/** Step A3: the caller is a platform admin (403 for tenant staff or customers, audited as a security event). */
export async function platformAdminStep(identity: Identity, facts: RequestFacts): Promise<void> {
  if (identity.role === "platform_admin" && identity.tenantId === null) return;
  await recordAuditEvent({
    tenantId: identity.tenantId,
    actorUserId: identity.userId,
    action: "security.admin_api_refused",
    target: facts.path,
    ip: facts.ip,
    userAgent: facts.userAgent,
    metadata: { role: identity.role, method: facts.method },
  });
  throw new AppError({ code: "forbidden", message: "Platform administrators only" });
}

/**
 * The admin API's wrapper, from the same steps as withTenant: admin host (404), identity — bearer from
 * the admin host's POST /api/auth/token or the console session — (401), platform admin (403), same
 * origin for cookie writes (403), zod query and body (422), then the handler; every successful mutation
 * is audited as the acting admin. Errors become `{ error, message, fieldErrors?, details? }` with the code's status.
 */
export function withPlatformAdmin<BodySchema extends z.ZodType | undefined = undefined, QuerySchema extends z.ZodType | undefined = undefined>(
  handler: (args: PlatformAdminHandlerArgs<Parsed<BodySchema>, Parsed<QuerySchema>>) => Promise<Response | object>,
  options: WithPlatformAdminOptions<BodySchema, QuerySchema> = {},
) {
  return async (request: Request, route: { params: Promise<Record<string, string | string[]>> | undefined }): Promise<Response> => {
    const url = new URL(request.url);
    const facts = requestFacts(request.headers, request.method, url.pathname);
    try {
      await adminHostStep(facts);
      const identity = await identityStep(facts);
      await platformAdminStep(identity, facts);
      sameOriginStep(facts, identity);
      // A route without dynamic segments gets no params object from Next.
      const rawParams = (await route?.params) ?? {};
      const params = Object.fromEntries(Object.entries(rawParams).map(([key, value]) => [key, Array.isArray(value) ? value.join("/") : value]));
      const query = (options.query ? parseInput(options.query, Object.fromEntries(url.searchParams), "Invalid query") : undefined) as Parsed<QuerySchema>;
      const body = (options.body ? parseInput(options.body, await readJsonBody(request)) : undefined) as Parsed<BodySchema>;
      const response = toResponse(await handler({ request, identity, params, body, query }));
      if (!["GET", "HEAD", "OPTIONS"].includes(facts.method) && response.ok) {
        await recordAuditEvent({
          tenantId: null,
          actorUserId: identity.userId,
          action: options.auditAction ?? "admin.api_mutation",
          target: facts.path,
          ip: facts.ip,
          userAgent: facts.userAgent,
          metadata: { method: facts.method, params },
        });
      }
      return response;
    } catch (error) {
      return errorResponse(error);
    }
  };
}
