import type { z } from "zod";
import type { Identity } from "@/lib/auth/identity";
import type { Permission } from "@/lib/auth/permissions";
import { runWithContext, type TenantRequestContext } from "@/lib/tenancy/context";
import { errorResponse } from "./error-response";
import { authorizeTenantRequest, parseInput, readJsonBody, requestFacts, routeParams, toResponse } from "./tenant-request";

export interface TenantHandlerArgs<Body, Query> {
  request: Request;
  context: TenantRequestContext;
  identity: Identity;
  params: Record<string, string>;
  body: Body;
  query: Query;
}

interface WithTenantOptions<BodySchema extends z.ZodType | undefined, QuerySchema extends z.ZodType | undefined> {
  permission: Permission;
  body?: BodySchema;
  query?: QuerySchema;
}

type Parsed<Schema> = Schema extends z.ZodType ? z.output<Schema> : undefined;

/**
 * The one wrapper of every tenant API route: tenant from Host, identity (bearer or session), tenant
 * match, tenant active, same origin, permission, zod input, then the handler inside the tenant's
 * context. Errors become `{ error, message, fieldErrors? }` with the code's status.
 */
export function withTenant<BodySchema extends z.ZodType | undefined = undefined, QuerySchema extends z.ZodType | undefined = undefined>(
  handler: (args: TenantHandlerArgs<Parsed<BodySchema>, Parsed<QuerySchema>>) => Promise<Response | object>,
  options: WithTenantOptions<BodySchema, QuerySchema>,
) {
  return async (request: Request, route: { params: Promise<Record<string, string | string[]>> }): Promise<Response> => {
    const url = new URL(request.url);
    const facts = requestFacts(request.headers, request.method, url.pathname);
    try {
      const { context, identity } = await authorizeTenantRequest(facts, options.permission);
      const rawParams = await route.params;
      const params = routeParams(rawParams, context);
      const query = (options.query ? parseInput(options.query, Object.fromEntries(url.searchParams), "Invalid query") : undefined) as Parsed<QuerySchema>;
      const body = (options.body ? parseInput(options.body, await readJsonBody(request)) : undefined) as Parsed<BodySchema>;
      const result = await runWithContext(context, () => handler({ request, context, identity, params, body, query }));
      return toResponse(result);
    } catch (error) {
      return errorResponse(error);
    }
  };
}

