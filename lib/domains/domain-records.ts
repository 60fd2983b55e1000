import { env } from "@/lib/env/env";

export const CHALLENGE_LABEL = "_assetanchor-challenge";

export function challengeRecordName(domain: string): string {
  return `${CHALLENGE_LABEL}.${domain}`;
}

/** Where custom domains point (CNAME, or A records matching this host's): CUSTOM_DOMAIN_TARGET or cname.<root>. */
export function customDomainTarget(): string {
  const config = env();
  return config.CUSTOM_DOMAIN_TARGET ?? `cname.${config.APP_ROOT_DOMAIN.split(":")[0]}`;
}

export interface DnsInstructions {
  txt: { name: string; value: string };
  cname: { name: string; value: string };
}

export function dnsInstructions(domain: string, token: string): DnsInstructions {
  return { txt: { name: challengeRecordName(domain), value: token }, cname: { name: domain, value: customDomainTarget() } };
}
