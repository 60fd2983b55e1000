import { randomUUID } from "node:crypto";
import { NextResponse, type NextRequest } from "next/server";
import { env } from "@/lib/env/env";
import { logger } from "@/lib/log/logger";
import { REQUEST_ID_HEADER, routeRequest } from "@/lib/tenancy/proxy-routing";
import { resolveHost } from "@/lib/tenancy/resolve-host";

/** Dispatch only: Host → surface → rewrite into that surface's route segment. Pages check again. */
export async function proxy(request: NextRequest): Promise<NextResponse> {
  const host = request.headers.get("host") ?? "";
  const requestId = randomUUID();
  const routing = routeRequest({
    resolved: await resolveHost(host),
    host,
    pathname: request.nextUrl.pathname,
    incomingHeaders: request.headers,
    requestId,
    protocol: env().APP_PROTOCOL,
  });

  const target = request.nextUrl.clone();
  target.pathname = routing.rewritePath;
  const response = NextResponse.rewrite(target, { status: routing.status, request: { headers: routing.requestHeaders } });
  response.headers.set(REQUEST_ID_HEADER, requestId);

  logger.info(
    { requestId, tenantId: routing.tenantId ?? "unknown", surface: routing.surface, method: request.method, host, path: request.nextUrl.pathname },
    "request",
  );
  return response;
}

export const config = {
  matcher: ["/((?!_next/static|_next/image).*)"],
};
