import { dns } from "@/lib/dns/dns-resolver";
import { challengeRecordName, customDomainTarget } from "./domain-records";

export interface DomainDnsCheck {
  txtMatches: boolean;
  txtFound: string[];
  pointsAtUs: boolean;
  cnameFound: string[];
}

function sameHost(a: string, b: string): boolean {
  return a.toLowerCase().replace(/\.$/, "") === b.toLowerCase().replace(/\.$/, "");
}

/** Reads the domain's challenge TXT and whether it points at the platform (CNAME to the target, or the target's A records). */
export async function checkDomainDns(domain: string, token: string): Promise<DomainDnsCheck> {
  const target = customDomainTarget();
  const [txtFound, cnameFound] = await Promise.all([dns.txt(challengeRecordName(domain)), dns.cname(domain)]);
  let pointsAtUs = cnameFound.some((name) => sameHost(name, target));
  if (!pointsAtUs && cnameFound.length === 0) {
    const [domainAddresses, targetAddresses] = await Promise.all([dns.a(domain), dns.a(target)]);
    pointsAtUs = domainAddresses.length > 0 && domainAddresses.every((address) => targetAddresses.includes(address));
  }
  return { txtMatches: txtFound.includes(token), txtFound, pointsAtUs, cnameFound };
}
