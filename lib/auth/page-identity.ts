import "server-only";
import { headers } from "next/headers";
import { forbidden, notFound, redirect } from "next/navigation";
import { cache } from "react";
import { safeRedirectPath } from "@/lib/http/safe-redirect";
import { ORIGINAL_PATH_HEADER } from "@/lib/tenancy/proxy-routing";
import { requireTenantPage } from "@/lib/tenancy/request-context";
import type { TenantRequestContext } from "@/lib/tenancy/context";
import { resolveIdentity, type Identity } from "./identity";
import { can, isStaffRole, type Permission } from "./permissions";

/** The signed-in user of this request (session cookie, see resolveIdentity), re-checked against the database; cached per request. */
export const currentIdentity = cache(async (): Promise<Identity | null> => {
  const requestHeaders = await headers();
  // A refused cookie (sent twice) or a staff session on a custom domain: signed out on this page.
  return resolveIdentity({ host: requestHeaders.get("host") ?? "", authorization: null, cookieHeader: requestHeaders.get("cookie") }).catch(() => null);
});

/** Sign-in, then back to the path this request asked for (set by proxy.ts); the root needs no `next`. */
async function loginPath(fallback: string): Promise<string> {
  const requested = safeRedirectPath((await headers()).get(ORIGINAL_PATH_HEADER) ?? undefined, fallback);
  return requested === "/" ? "/login" : `/login?next=${encodeURIComponent(requested)}`;
}

/** Staff pages: the host's tenant, a signed-in staff member of it (else to /login, then back here), and the permission (else 403). */
export async function requireStaff(routeTenantId: string, permission?: Permission): Promise<{ context: TenantRequestContext; identity: Identity }> {
  const context = await requireTenantPage(routeTenantId);
  const identity = await currentIdentity();
  if (!identity || identity.tenantId !== context.tenant.id) redirect(await loginPath("/dashboard"));
  if (!isStaffRole(identity.role)) forbidden();
  if (permission && !can(identity.role, permission)) forbidden();
  return { context, identity };
}

/** Admin console pages: a platform admin (else to /login). */
export async function requirePlatformAdmin(): Promise<Identity> {
  const identity = await currentIdentity();
  if (!identity) redirect(await loginPath("/"));
  if (identity.role !== "platform_admin" || identity.tenantId !== null) notFound();
  return identity;
}
