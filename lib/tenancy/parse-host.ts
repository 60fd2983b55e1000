import { isValidSlug } from "./slug";

export type ParsedHost =
  | { kind: "apex" }
  | { kind: "admin" }
  | { kind: "subdomain"; slug: string }
  | { kind: "custom-domain"; domain: string }
  | { kind: "invalid" };

const HOSTNAME_PATTERN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/;
const IPV4_PATTERN = /^\d{1,3}(?:\.\d{1,3}){3}$/;

/**
 * Classifies a Host header against the root domain (`localhost:3000`, `example.com`).
 * Pure: no I/O. A port must match the root domain's port for apex, admin and subdomains;
 * custom domains are compared without their port.
 */
export function parseHost(rawHost: string | null | undefined, rootDomain: string): ParsedHost {
  if (!rawHost) return { kind: "invalid" };
  const host = rawHost.trim().toLowerCase().replace(/\.(?=:|$)/, "");
  const root = rootDomain.trim().toLowerCase();
  if (host.startsWith("[")) return { kind: "invalid" };

  if (host === root || host === `www.${root}`) return { kind: "apex" };
  if (host === `admin.${root}`) return { kind: "admin" };

  if (host.endsWith(`.${root}`)) {
    const label = host.slice(0, -(root.length + 1));
    if (!label.includes(".") && isValidSlug(label)) return { kind: "subdomain", slug: label };
    return { kind: "invalid" };
  }

  const [hostname = "", port, ...rest] = host.split(":");
  if (rest.length > 0 || (port !== undefined && !/^\d{1,5}$/.test(port))) return { kind: "invalid" };
  if (IPV4_PATTERN.test(hostname) || !HOSTNAME_PATTERN.test(hostname)) return { kind: "invalid" };
  const rootHostname = root.split(":")[0] ?? root;
  if (hostname === rootHostname || hostname.endsWith(`.${rootHostname}`)) return { kind: "invalid" };
  return { kind: "custom-domain", domain: hostname };
}
