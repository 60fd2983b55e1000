import "server-only";
import { randomUUID } from "node:crypto";
import { headers } from "next/headers";
import { forbidden, notFound } from "next/navigation";
import { cache } from "react";
import { REQUEST_ID_HEADER } from "./proxy-routing";
import { runWithContext, type RequestContext, type TenantRequestContext } from "./context";
import { resolveHost } from "./resolve-host";


/**
 * The request's context, resolved again from the Host header against the database. proxy.ts routes,
 * but pages, handlers and actions trust only this. Cached for the duration of one request.
 */
export const getRequestContext = cache(async (): Promise<RequestContext> => {
  const requestHeaders = await headers();
  const host = requestHeaders.get("host") ?? "";
  const requestId = requestHeaders.get(REQUEST_ID_HEADER) ?? randomUUID();
  const resolved = await resolveHost(host);
  switch (resolved.surface) {
    case "tenant":
      return { requestId, host, surface: "tenant", tenant: resolved.tenant };
    case "apex":
    case "admin":
      return { requestId, host, surface: resolved.surface, tenant: null };
    case "unknown":
      notFound();
  }
});

/** For tenant pages: 404 off a tenant host or for another tenant's route, 403 when suspended. */
export async function requireTenantPage(routeTenantId?: string): Promise<TenantRequestContext> {
  const context = await getRequestContext();
  if (context.surface !== "tenant" || !context.tenant) notFound();
  if (routeTenantId !== undefined && routeTenantId !== context.tenant.id) notFound();
  if (context.tenant.status === "suspended") forbidden();
  return context as TenantRequestContext;
}

/** Runs tenant data access for a page inside the tenant's context (required by forTenant). */
export async function inTenantPage<T>(routeTenantId: string, fn: (context: TenantRequestContext) => Promise<T>): Promise<T> {
  const context = await requireTenantPage(routeTenantId);
  return runWithContext(context, () => fn(context));
}
