import { decodeSessionToken, readSingleCookie, sessionCookieName } from "@/lib/auth/session-cookie";
import type { ResolvedHost } from "@/lib/tenancy/resolve-host";
import { findActiveImpersonation } from "./find-active-impersonation";

/**
 * For proxy.ts: whether a request to a tenant in maintenance comes from a platform admin impersonating
 * one of its users (then its pages are served as usual). Costs nothing unless the tenant is in maintenance.
 */
export async function bypassesMaintenance(resolved: ResolvedHost, cookieHeader: string | null): Promise<boolean> {
  if (resolved.surface !== "tenant" || !resolved.tenant.maintenance) return false;
  try {
    const session = await decodeSessionToken(readSingleCookie(cookieHeader, sessionCookieName()));
    if (!session?.imp || session.tid !== resolved.tenant.id) return false;
    return (await findActiveImpersonation(session.imp, resolved.tenant.id, session.uid)) !== null;
  } catch {
    return false;
  }
}
