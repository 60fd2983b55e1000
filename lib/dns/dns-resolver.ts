import { Resolver } from "node:dns/promises";
import { env } from "@/lib/env/env";

/** Answers that mean "no such record", as opposed to a failing resolver. */
const NO_RECORD_CODES = new Set(["ENOTFOUND", "ENODATA", "ENONAME", "NXDOMAIN"]);

export class DnsLookupError extends Error {
  constructor(name: string, type: string, cause: unknown) {
    super(`DNS lookup of ${type} ${name} failed (${(cause as { code?: string }).code ?? (cause as Error).message})`, { cause });
    this.name = "DnsLookupError";
  }
}

function resolver(): Resolver {
  const config = env();
  const instance = new Resolver({ timeout: config.DNS_TIMEOUT_MS, tries: 2 });
  if (config.DNS_SERVERS.length > 0) instance.setServers(config.DNS_SERVERS);
  return instance;
}

async function lookup<T>(name: string, type: string, query: (r: Resolver) => Promise<T[]>): Promise<T[]> {
  try {
    return await query(resolver());
  } catch (error) {
    if (NO_RECORD_CODES.has((error as { code?: string }).code ?? "")) return [];
    throw new DnsLookupError(name, type, error);
  }
}

/** The one DNS client of the app (node:dns, servers from DNS_SERVERS or the system's). */
export const dns = {
  txt: async (name: string): Promise<string[]> => (await lookup(name, "TXT", (r) => r.resolveTxt(name))).map((chunks) => chunks.join("")),
  cname: (name: string): Promise<string[]> => lookup(name, "CNAME", (r) => r.resolveCname(name)),
  a: (name: string): Promise<string[]> => lookup(name, "A", (r) => r.resolve4(name)),
};
