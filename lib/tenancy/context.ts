import { AsyncLocalStorage } from "node:async_hooks";

export const TENANT_STATUSES = ["provisioning", "active", "suspended", "deleted"] as const;
export type TenantStatus = (typeof TENANT_STATUSES)[number];

/** A tenant in maintenance mode (lib/maintenance): what its maintenance page and 503s announce. */
export interface TenantMaintenance {
  message: string | null;
  /** ISO time the maintenance is announced to end; null when open-ended. */
  until: string | null;
}

/** What request-serving code knows about a tenant: the row of public.tenants it was resolved to. */
export interface TenantRef {
  id: string;
  slug: string;
  name: string;
  status: TenantStatus;
  planId: string;
  customDomain: string | null;
  customDomainVerified: boolean;
  /** Null unless the tenant is in maintenance mode. */
  maintenance: TenantMaintenance | null;
}

export type Surface = "apex" | "admin" | "tenant";

/** Who is really acting when a platform admin impersonates a tenant's user (lib/impersonation). */
export interface ImpersonatedBy {
  impersonationId: string;
  adminUserId: string;
  adminEmail: string;
}

export interface RequestContext {
  requestId: string;
  surface: Surface;
  host: string;
  tenant: TenantRef | null;
  /** Set for requests of an impersonation session: every audit event written in it names the admin. */
  impersonatedBy?: ImpersonatedBy;
}

export interface TenantRequestContext extends RequestContext {
  surface: "tenant";
  tenant: TenantRef;
}

// One store per process, even when Next bundles this module into several graphs (proxy, app).
const STORAGE_KEY = Symbol.for("asset-anchor.request-context");
type GlobalWithStorage = typeof globalThis & { [STORAGE_KEY]?: AsyncLocalStorage<RequestContext> };
const globalWithStorage = globalThis as GlobalWithStorage;
const storage = (globalWithStorage[STORAGE_KEY] ??= new AsyncLocalStorage<RequestContext>());

export function runWithContext<T>(context: RequestContext, fn: () => T): T {
  return storage.run(context, fn);
}

export function currentContext(): RequestContext | undefined {
  return storage.getStore();
}

export function runAsTenant<T>(tenant: TenantRef, requestId: string, fn: () => T): T {
  return runWithContext({ requestId, surface: "tenant", host: tenant.slug, tenant }, fn);
}
