import type { z } from "zod";
import type { Identity } from "@/lib/auth/identity";
import type { Permission } from "@/lib/auth/permissions";
import type { FeatureFlag } from "@/lib/plans/plans";
import { runWithContext, type TenantRequestContext } from "@/lib/tenancy/context";
import { errorResponse } from "./error-response";
import { recordApiCall } from "@/lib/usage/usage-meter";
import { routePattern } from "@/lib/usage/usage-keys";
import { ClientGoneError } from "./admission-control";
import { rememberRefusedEndpoint } from "./front-door";
import { admissionStep, authorizeTenantRequest, clientWaitingStep, type ApiBudget, parseInput, readJsonBody, requestFacts, routeParams, toResponse } from "./tenant-request";

export interface TenantHandlerArgs<Body, Query> {
  request: Request;
  /** Aborted when the client disconnects: pass it to work that can stop (fetch, streams, long loops). */
  signal: AbortSignal;
  context: TenantRequestContext;
  identity: Identity;
  params: Record<string, string>;
  body: Body;
  query: Query;
}

interface WithTenantOptions<BodySchema extends z.ZodType | undefined, QuerySchema extends z.ZodType | undefined> {
  permission: Permission;
  /** A plan feature the route needs; off → 404 (hidden), before the permission check. */
  feature?: FeatureFlag;
  body?: BodySchema;
  query?: QuerySchema;
}

type Parsed<Schema> = Schema extends z.ZodType ? z.output<Schema> : undefined;

/**
 * The one wrapper of every tenant API route: admission (step 0: the process's in-flight cap, 503; a
 * client that disconnected gets no work, here and again before the handler), tenant from Host, identity (bearer or session), tenant
 * match, tenant active, same origin, permission, zod input, then the handler inside the tenant's
 * context; the tenant's concurrency cap (step 1a, as soon as the host names the tenant) and API rate limit (step 4b, after the tenant checks), its headers on every response
 * from there on, and every call counted there is metered (lib/usage: buffered, flushed after the
 * response). Errors become `{ error, message, fieldErrors?, details? }` with the code's status.
 */
export function withTenant<BodySchema extends z.ZodType | undefined = undefined, QuerySchema extends z.ZodType | undefined = undefined>(
  handler: (args: TenantHandlerArgs<Parsed<BodySchema>, Parsed<QuerySchema>>) => Promise<Response | object>,
  options: WithTenantOptions<BodySchema, QuerySchema>,
) {
  return async (request: Request, route: { params: Promise<Record<string, string | string[]>> }): Promise<Response> => {
    const url = new URL(request.url);
    const facts = requestFacts(request.headers, request.method, url.pathname);
    const started = performance.now();
    const budget: ApiBudget = { headers: new Headers() };
    const rawParams = await route.params;
    let params = Object.fromEntries(Object.entries(rawParams).map(([key, value]) => [key, Array.isArray(value) ? value.join("/") : value]));
    const respond = (response: Response): Response => {
      if (budget.tenantId) {
        const endpoint = routePattern(facts.method, facts.path, params);
        recordApiCall({ tenantId: budget.tenantId, endpoint, status: response.status, durationMs: performance.now() - started });
        if (response.status === 429) rememberRefusedEndpoint(facts.method, facts.path, endpoint);
      }
      return withHeaders(response, budget.headers);
    };
    try {
      clientWaitingStep(request.signal);
      admissionStep(budget);
      const { context, identity } = await authorizeTenantRequest(facts, options.permission, budget, options.feature);
      params = routeParams(rawParams, context);
      const query = (options.query ? parseInput(options.query, Object.fromEntries(url.searchParams), "Invalid query") : undefined) as Parsed<QuerySchema>;
      const body = (options.body ? parseInput(options.body, await readJsonBody(request)) : undefined) as Parsed<BodySchema>;
      clientWaitingStep(request.signal);
      const result = await runWithContext(context, () => handler({ request, signal: request.signal, context, identity, params, body, query }));
      return respond(toResponse(result));
    } catch (error) {
      // 499 (nginx's "client closed request"): nobody reads it, but logs and metering see what happened.
      if (error instanceof ClientGoneError) return respond(new Response(null, { status: 499 }));
      return respond(errorResponse(error));
    } finally {
      budget.ticket?.release();
    }
  };
}


/** Adds `extra` to a response's headers; a response whose headers are immutable (e.g. a fetch result) is copied. */
function withHeaders(response: Response, extra: Headers): Response {
  if ([...extra.keys()].length === 0) return response;
  try {
    for (const [name, value] of extra) response.headers.set(name, value);
    return response;
  } catch {
    const copy = new Response(response.body, response);
    for (const [name, value] of extra) copy.headers.set(name, value);
    return copy;
  }
}
