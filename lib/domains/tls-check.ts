import { timingSafeEqual } from "node:crypto";
import { platformDb } from "@/lib/db/shared-client";
import { env } from "@/lib/env/env";
import { peerAddress } from "@/lib/http/client-ip";
import { isValidSlug } from "@/lib/tenancy/slug";
import { customDomainSchema } from "@/lib/tenants/tenant-input";

/**
 * Caddy's on-demand TLS asks before it obtains a certificate: yes only for our tenants' subdomains and
 * verified custom domains, so nobody can make the platform request certificates for arbitrary names.
 */
export async function mayIssueCertificate(rawDomain: string | null): Promise<boolean> {
  if (!rawDomain) return false;
  const parsed = customDomainSchema.safeParse(rawDomain);
  if (!parsed.success) return false;
  const domain = parsed.data;
  const rootHostname = env().APP_ROOT_DOMAIN.split(":")[0]!;
  const servable = { in: ["active", "suspended"] };
  if (domain.endsWith(`.${rootHostname}`)) {
    const label = domain.slice(0, -(rootHostname.length + 1));
    if (label.includes(".") || !isValidSlug(label)) return false;
    return (await platformDb().tenant.count({ where: { slug: label, status: servable } })) === 1;
  }
  return (await platformDb().tenant.count({ where: { customDomain: domain, customDomainVerified: true, status: servable } })) === 1;
}

export const TLS_CHECK_SECRET_HEADER = "x-tls-check-secret";

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Only the TLS terminator may ask: a caller presenting TLS_CHECK_SECRET (query `secret` or header
 * X-TLS-Check-Secret), or, without a secret configured, a direct call from a loopback socket — direct
 * meaning no proxy forwarded it (no X-Forwarded-For beyond the one Next fills in with the peer itself),
 * so a visitor relayed by a local Caddy is not mistaken for Caddy.
 */
export function isTlsTerminator(headers: Headers, searchParams: URLSearchParams, secret = env().TLS_CHECK_SECRET): boolean {
  if (secret) {
    const given = searchParams.get("secret") ?? headers.get(TLS_CHECK_SECRET_HEADER) ?? "";
    return sameSecret(given, secret);
  }
  const peer = peerAddress(headers);
  if (!peer || !isLoopback(peer)) return false;
  const forwarded = (headers.get("x-forwarded-for") ?? "").split(",").map((part) => part.trim()).filter(Boolean);
  return forwarded.length === 0 || (forwarded.length === 1 && isLoopback(forwarded[0]!.replace(/^::ffff:/i, "")));
}

function isLoopback(address: string): boolean {
  return address === "::1" || /^127\.\d+\.\d+\.\d+$/.test(address);
}
