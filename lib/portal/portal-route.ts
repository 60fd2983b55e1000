import type { z } from "zod";
import { resolveIdentity, type Identity } from "@/lib/auth/identity";
import { errorResponse } from "@/lib/http/error-response";
import { activeTenantStep, contextFor, impersonationStep, maintenanceStep, parseInput, readJsonBody, requestFacts, routeParams, sameOriginStep, tenantMatchStep, tenantStep, toResponse, type RequestFacts } from "@/lib/http/tenant-request";
import { runWithContext, type TenantRequestContext } from "@/lib/tenancy/context";

export interface PortalHandlerArgs<Body, Query> {
  request: Request;
  context: TenantRequestContext;
  facts: RequestFacts;
  params: Record<string, string>;
  body: Body;
  query: Query;
  /** Whoever is signed in on this tenant, when the route asked for it; null for anonymous visitors. */
  identity: Identity | null;
}

interface PortalRouteOptions<BodySchema extends z.ZodType | undefined, QuerySchema extends z.ZodType | undefined> {
  body?: BodySchema;
  query?: QuerySchema;
  /** Look at the caller's session or token if one is sent; a bad token is still a 401, another tenant's a 403. */
  optionalIdentity?: boolean;
}

type Parsed<Schema> = Schema extends z.ZodType ? z.output<Schema> : undefined;

/**
 * The wrapper of public portal routes: tenant from Host (400/404), tenant active (403), route
 * tenant param matches, zod input (422), then the handler inside the tenant's context. No
 * permission step: anyone may browse a tenant's portal.
 */
export function portalRoute<BodySchema extends z.ZodType | undefined = undefined, QuerySchema extends z.ZodType | undefined = undefined>(
  handler: (args: PortalHandlerArgs<Parsed<BodySchema>, Parsed<QuerySchema>>) => Promise<Response | object>,
  options: PortalRouteOptions<BodySchema, QuerySchema> = {},
) {
  return async (request: Request, route: { params: Promise<Record<string, string | string[]>> }): Promise<Response> => {
    const url = new URL(request.url);
    const facts = requestFacts(request.headers, request.method, url.pathname);
    try {
      const tenantContext = await tenantStep(facts);
      await maintenanceStep(tenantContext, facts);
      activeTenantStep(tenantContext);
      const rawParams = await route.params;
      const identity = options.optionalIdentity ? await resolveIdentity(facts) : null;
      if (identity) {
        await tenantMatchStep(tenantContext, identity, facts);
        sameOriginStep(facts, identity);
        await impersonationStep(tenantContext, identity, facts);
      }
      const context = identity ? contextFor(tenantContext, identity) : tenantContext;
      const params = routeParams(rawParams, context);
      const query = (options.query ? parseInput(options.query, Object.fromEntries(url.searchParams), "Invalid query") : undefined) as Parsed<QuerySchema>;
      const body = (options.body ? parseInput(options.body, await readJsonBody(request)) : undefined) as Parsed<BodySchema>;
      const result = await runWithContext(context, () => handler({ request, context, facts, params, body, query, identity }));
      return toResponse(result);
    } catch (error) {
      return errorResponse(error);
    }
  };
}

