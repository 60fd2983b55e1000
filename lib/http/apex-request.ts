import type { z } from "zod";
import { env } from "@/lib/env/env";
import { AppError } from "@/lib/errors/app-error";
import { resolveHost } from "@/lib/tenancy/resolve-host";
import { errorResponse } from "./error-response";
import { parseInput, readJsonBody, requestFacts, toResponse, type RequestFacts } from "./tenant-request";

export interface ApexHandlerArgs<Body, Query> {
  request: Request;
  facts: RequestFacts;
  body: Body;
  query: Query;
}

interface ApexRouteOptions<BodySchema extends z.ZodType | undefined, QuerySchema extends z.ZodType | undefined> {
  body?: BodySchema;
  query?: QuerySchema;
}

type Parsed<Schema> = Schema extends z.ZodType ? z.output<Schema> : undefined;

/** Step P1: the host must be the apex (404 anywhere else, as if the route did not exist). */
export async function apexHostStep(facts: RequestFacts): Promise<void> {
  const resolved = await resolveHost(facts.host);
  if (resolved.surface !== "apex") throw new AppError({ code: "not_found", message: "Not found" });
}

/** Step P2: a browser's write comes from the apex's own pages (403 for another origin); scripts without an Origin pass. */
export function apexOriginStep(facts: RequestFacts): void {
  if (["GET", "HEAD", "OPTIONS"].includes(facts.method) || facts.origin === null) return;
  if (facts.origin !== `${env().APP_PROTOCOL}://${env().APP_ROOT_DOMAIN}`) throw new AppError({ code: "forbidden", message: "Cross-origin request refused" });
}

/**
 * The wrapper of the apex's public routes (sign-up, find my workspace): apex host (404), same origin for
 * writes (403), zod query and body (422), then the handler. Nobody is signed in on the apex.
 */
export function apexRoute<BodySchema extends z.ZodType | undefined = undefined, QuerySchema extends z.ZodType | undefined = undefined>(
  handler: (args: ApexHandlerArgs<Parsed<BodySchema>, Parsed<QuerySchema>>) => Promise<Response | object>,
  options: ApexRouteOptions<BodySchema, QuerySchema> = {},
) {
  return async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    const facts = requestFacts(request.headers, request.method, url.pathname);
    try {
      await apexHostStep(facts);
      apexOriginStep(facts);
      const query = (options.query ? parseInput(options.query, Object.fromEntries(url.searchParams), "Invalid query") : undefined) as Parsed<QuerySchema>;
      const body = (options.body ? parseInput(options.body, await readJsonBody(request)) : undefined) as Parsed<BodySchema>;
      return toResponse(await handler({ request, facts, body, query }));
    } catch (error) {
      return errorResponse(error);
    }
  };
}
