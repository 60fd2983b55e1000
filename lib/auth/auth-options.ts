import type { AuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { sharedDbFor } from "@/lib/db/shared-client";
import { authSecret, env } from "@/lib/env/env";
import { AppError } from "@/lib/errors/app-error";
import { clientIp } from "@/lib/http/client-ip";
import { resolveHost } from "@/lib/tenancy/resolve-host";
import { authenticateWithPassword } from "./authenticate";
import { authCookies, SESSION_MAX_AGE_SECONDS } from "./session-cookie";

/**
 * next-auth for many hosts: NEXTAUTH_URL stays unset and AUTH_TRUST_HOST is on, so next-auth takes its
 * origin from X-Forwarded-Host — which proxy.ts always overwrites with the request's validated Host.
 * Cookies are host-only (no Domain), so a session on acme.<root> is never sent to globex.<root>, and
 * `__Host-` over https (see authCookies), so no other host can plant one. On a tenant's custom domain
 * only customers sign in: staff use {slug}.<root>, the origin where no tenant script runs.
 */
export function authOptions(): AuthOptions {
  process.env.AUTH_TRUST_HOST ??= "true";
  return {
    secret: authSecret(),
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    useSecureCookies: env().APP_PROTOCOL === "https",
    cookies: authCookies(),
    pages: { signIn: "/login", error: "/login" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, request) {
          const headers = new Headers(request.headers as Record<string, string>);
          const resolved = await resolveHost(headers.get("host"));
          if (resolved.surface !== "tenant" && resolved.surface !== "admin") throw new Error("Sign-in is not available on this host");
          if (resolved.surface === "tenant" && resolved.tenant.status !== "active") throw new Error(`${resolved.tenant.name} is suspended`);
          try {
            const user = await authenticateWithPassword({
              tenantId: resolved.surface === "tenant" ? resolved.tenant.id : null,
              email: credentials?.email ?? "",
              password: credentials?.password ?? "",
              ip: clientIp(headers),
              userAgent: headers.get("user-agent"),
              staffRefusal: resolved.surface === "tenant" && resolved.origin === "custom-domain" ? `Staff sign in at ${resolved.tenant.slug}.${env().APP_ROOT_DOMAIN}` : undefined,
            });
            return { id: user.id, email: user.email, name: user.name, tenantId: user.tenantId, role: user.role, sessionVersion: user.sessionVersion };
          } catch (error) {
            if (error instanceof AppError) throw new Error(error.message);
            throw error;
          }
        },
      }),
    ],
    callbacks: {
      async jwt({ token, user }) {
        if (user) {
          const signedIn = user as typeof user & { tenantId: string | null; role: string; sessionVersion: number };
          return { ...token, uid: signedIn.id, tid: signedIn.tenantId, role: signedIn.role, sv: signedIn.sessionVersion };
        }
        // Every session read re-checks the user: "sign out everywhere" bumps session_version.
        const current = typeof token.uid === "string" ? await sharedDbFor(typeof token.tid === "string" ? token.tid : null).user.findUnique({ where: { id: token.uid } }) : null;
        if (!current || current.status !== "active" || current.sessionVersion !== token.sv) throw new Error("Session revoked");
        return token;
      },
      async session({ session, token }) {
        return { ...session, user: { ...session.user, id: token.uid, tenantId: token.tid, role: token.role } };
      },
    },
  };
}
