import { randomBytes } from "node:crypto";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { sharedDb } from "@/lib/db/shared-client";
import { env } from "@/lib/env/env";
import { AppError } from "@/lib/errors/app-error";
import type { RequestFacts } from "@/lib/http/tenant-request";
import type { TenantRequestContext } from "@/lib/tenancy/context";
import type { Identity } from "./identity";
import { hashPasswordToken } from "./password-token";
import { encodeSessionToken, sessionSetCookie } from "./session-cookie";

export const HANDOFF_TTL_MS = 60_000;
const INVALID_HANDOFF = "This sign-in link is invalid, expired or already used. Sign in again.";
export const HANDOFF_CUSTOMERS_ONLY = "Only customers continue signed in on the custom domain; staff work on the workspace's own address";

function hostnameOf(host: string): string {
  return host.toLowerCase().replace(/:\d+$/, "");
}

/**
 * Carries a signed-in customer from {slug}.<root> to the tenant's verified custom domain, where the
 * root domain's cookies cannot go: a single-use token bound to that domain (its audience), the tenant
 * and the user, valid for 60 seconds. Customers only: the custom domain runs the tenant's own script,
 * so a staff session must never arrive there (nor would it be an identity there).
 */
export async function startHandoff(context: TenantRequestContext, identity: Identity): Promise<string> {
  const domain = context.tenant.customDomainVerified ? context.tenant.customDomain : null;
  if (!domain) throw new AppError({ code: "conflict", message: "This workspace has no verified custom domain" });
  if (identity.tenantId !== context.tenant.id || identity.role !== "customer") throw new AppError({ code: "forbidden", message: HANDOFF_CUSTOMERS_ONLY });
  const token = randomBytes(32).toString("base64url");
  await sharedDb().handoffToken.create({
    data: { tokenHash: hashPasswordToken(token), userId: identity.userId, tenantId: context.tenant.id, audience: domain, expiresAt: new Date(Date.now() + HANDOFF_TTL_MS) },
  });
  await recordAuditEvent({ tenantId: context.tenant.id, actorUserId: identity.userId, action: "auth.handoff_started", target: domain });
  const port = env().APP_ROOT_DOMAIN.split(":")[1];
  return `${env().APP_PROTOCOL}://${domain}${port ? `:${port}` : ""}/auth/handoff?token=${encodeURIComponent(token)}`;
}

/** Spends a hand-off token on the host it was made for and returns the Set-Cookie value of that host's session. */
export async function redeemHandoff(context: TenantRequestContext, token: string, facts: RequestFacts): Promise<string> {
  const audience = hostnameOf(facts.host);
  const tokenHash = hashPasswordToken(token);
  const spent = await sharedDb().handoffToken.updateManyAndReturn({
    where: { tokenHash, usedAt: null, expiresAt: { gt: new Date() }, audience, tenantId: context.tenant.id },
    data: { usedAt: new Date() },
  });
  const user = spent[0] ? await sharedDb().user.findUnique({ where: { id: spent[0].userId } }) : null;
  if (!user || user.status !== "active" || user.tenantId !== context.tenant.id || user.role !== "customer") {
    const known = await sharedDb().handoffToken.findUnique({ where: { tokenHash } });
    const reason = !known ? "unknown" : known.usedAt && !spent[0] ? "replayed" : known.expiresAt <= new Date() ? "expired" : known.audience !== audience || known.tenantId !== context.tenant.id ? "wrong_audience" : "user_not_allowed";
    await recordAuditEvent({ tenantId: context.tenant.id, actorUserId: known?.userId ?? null, action: "security.handoff_rejected", target: audience, ip: facts.ip, userAgent: facts.userAgent, metadata: { reason } });
    throw new AppError({ code: "bad_request", message: INVALID_HANDOFF });
  }
  await recordAuditEvent({ tenantId: context.tenant.id, actorUserId: user.id, action: "auth.handoff_redeemed", target: audience, ip: facts.ip, userAgent: facts.userAgent });
  const session = await encodeSessionToken({ uid: user.id, tid: user.tenantId, role: user.role, sv: user.sessionVersion, email: user.email });
  return sessionSetCookie(session);
}
