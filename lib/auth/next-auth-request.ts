import { isCustomDomainHost } from "@/lib/tenancy/resolve-host";
import { cookieValues, decodeSessionToken, sessionCookieName } from "./session-cookie";

/**
 * next-auth reads the session cookie itself for `GET /api/auth/session`, so that read gets the same rules
 * as resolveIdentity: a session cookie sent twice, or a staff session on a custom domain, is answered as
 * next-auth answers a signed-out visitor (`{}`). It never hands a staff session to the origin where tenant
 * code runs, nor whichever duplicate it happened to read. Null: let next-auth answer.
 */
export async function refusedSessionAnswer(request: Request, action: string | undefined): Promise<Response | null> {
  if (action !== "session") return null;
  const values = cookieValues(request.headers.get("cookie"), sessionCookieName());
  if (values.length === 0) return null;
  const refused = values.length > 1 || (isCustomDomainHost(request.headers.get("host")) && (await decodeSessionToken(values[0]))?.role !== "customer");
  return refused ? Response.json({}, { headers: { "cache-control": "no-store" } }) : null;
}
