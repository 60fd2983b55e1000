import type { AddressInfo } from "node:net";
import dns2 from "dns2";

const { Packet } = dns2;

export interface ZoneRecords {
  TXT?: string[];
  CNAME?: string;
  A?: string[];
}

/** Looks up one name's records in a zone; undefined answers NXDOMAIN. */
export type ZoneLookup = (name: string) => ZoneRecords | undefined;

/**
 * A real DNS server on 127.0.0.1 (UDP, free port) answering from the given lookup, so domain
 * verification goes through node:dns exactly as in production.
 */
export async function startDnsServer(lookup: ZoneLookup): Promise<{ server: string; close: () => Promise<void> }> {
  const server = dns2.createServer({
    udp: true,
    handle: (request, send) => {
      const response = Packet.createResponseFromRequest(request);
      const [question] = request.questions;
      const records = question ? lookup(question.name.toLowerCase()) : undefined;
      if (!question || !records) {
        response.header.rcode = 0x03;
        send(response);
        return;
      }
      // dns2 encodes plain record objects; its typings ask for decoded Resource instances.
      type Answer = (typeof response.answers)[number];
      const answer = (fields: { type: number; data?: string; domain?: string; address?: string }) =>
        response.answers.push({ name: question.name, class: Packet.CLASS.IN, ttl: 1, ...fields } as Answer);
      if (question.type === Packet.TYPE.TXT) for (const data of records.TXT ?? []) answer({ type: Packet.TYPE.TXT, data });
      if (question.type === Packet.TYPE.CNAME && records.CNAME) answer({ type: Packet.TYPE.CNAME, domain: records.CNAME });
      if (question.type === Packet.TYPE.A) for (const address of records.A ?? []) answer({ type: Packet.TYPE.A, address });
      send(response);
    },
  });
  const addresses = await server.listen({ udp: { port: 0, address: "127.0.0.1" } });
  return { server: `127.0.0.1:${(addresses.udp as AddressInfo).port}`, close: () => server.close() };
}

/** A DNS server answering from an in-memory zone that the test changes directly. */
export async function startLocalDns(): Promise<{ server: string; zone: Map<string, ZoneRecords>; close: () => Promise<void> }> {
  const zone = new Map<string, ZoneRecords>();
  return { ...(await startDnsServer((name) => zone.get(name))), zone };
}
